/** The hostile-query corpus against the real HTTP server over the embedded (Kuzu) store. */
import path from 'node:path';
import { ingest } from '../../src/ingest/ingest';
import { serve } from '../../src/server/serve';
import { EmbeddedStore } from '../../src/store/embedded/embedded-store';
import { BUNDLED, tempDir } from '../support/temp';
import { CORPUS_TIMEOUT_MS, describeHostileCorpus } from './hostile-corpus';

describeHostileCorpus('embedded', async () => {
  const dbDir = path.join(await tempDir(), 'graph');
  const loader = new EmbeddedStore(dbDir);
  await ingest(BUNDLED, loader);
  await loader.close();
  return serve({
    store: new EmbeddedStore(dbDir),
    host: '127.0.0.1',
    port: 0,
    uiDir: null,
    queryTimeoutMs: CORPUS_TIMEOUT_MS,
  });
});
