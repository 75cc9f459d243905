import path from 'node:path';
import { EmbeddedStore } from '../../src/store/embedded/embedded-store';
import { tempDir } from '../support/temp';
import { describeGraphStoreContract } from './graph-store-contract';

describeGraphStoreContract(
  'embedded (Kuzu)',
  async () => new EmbeddedStore(path.join(await tempDir(), 'graph')),
);
