/**
 * The data card (from the header): what the loaded dataset holds and lacks, which folder it was
 * loaded from and how to go back to the bundled one, when and from where it was last expanded, and
 * the one action that improves it.
 */
import { useState, type FormEvent } from 'react';
import type { DatasetPayload } from '../../model/api';
import { percent } from '../model/coverage';
import { errorOf, shownData } from '../state/async';
import { toggleDataCard } from '../state/dataset';
import { selectNode } from '../state/details';
import { fetchIsRunning, saveFetchSettings, startFetch } from '../state/fetch';
import { useAppStore } from '../state/store';

const FOLDER_LABEL: Record<NonNullable<DatasetPayload['folder']>['kind'], string> = {
  bundled: 'the bundled dataset',
  user: 'your dataset (fetched data goes here)',
  other: 'a dataset folder given at start',
};

function Body({ d }: { d: DatasetPayload }) {
  const job = useAppStore((s) => s.fetchJob);
  const last = d.expansions.at(-1);
  const share = (n: number): string => `${n} (${percent(n, d.works)})`;
  return (
    <>
      <dl className="data-facts">
        <dt>Works</dt>
        <dd data-testid="data-works">{d.works}</dd>
        <dt>with a year</dt>
        <dd>{share(d.withYear)}</dd>
        <dt>with an abstract</dt>
        <dd>{share(d.withAbstract)}</dd>
        <dt>with a DOI</dt>
        <dd>{share(d.withDoi)}</dd>
        <dt>with a known reference</dt>
        <dd>{share(d.withReferences)}</dd>
        <dt>Citations</dt>
        <dd data-testid="data-citations">{d.citations}</dd>
      </dl>
      <p data-testid="data-folder">
        Loaded from <code>{d.folder?.path ?? 'unknown'}</code>
        {d.folder ? `, ${FOLDER_LABEL[d.folder.kind]}` : ''}
        {d.loadedAt ? ` on ${new Date(d.loadedAt).toLocaleString()}` : ''}.
      </p>
      <p data-testid="data-expanded">
        {last
          ? `Last expanded ${new Date(last.at).toLocaleString()} around “${last.seedTitle ?? last.seed}” from ${last.sources.join(' and ')} (${last.newWorks} new works, ${last.newCitations} new citations; ${d.expansions.length} expansion${d.expansions.length === 1 ? '' : 's'} in all).`
          : 'Never expanded: these are the works public pages showed around the review.'}
      </p>
      {d.backToBundled && <p className="hint">{d.backToBundled}</p>}
      <div className="data-advice">
        <p>{d.advice.text}</p>
        {d.advice.work && (
          <button
            type="button"
            className="chip fetch-button"
            disabled={fetchIsRunning(job)}
            onClick={() => {
              void selectNode(d.advice.work);
              void startFetch(d.advice.work!);
            }}
          >
            Fetch references and citing works
          </button>
        )}
      </div>
      {d.fetch.enabled ? <CredentialsForm /> : <p className="hint">{d.fetch.reason}</p>}
    </>
  );
}

/** The e-mail and keys the server's fetches ask with: sent to the server's memory, never stored. */
function CredentialsForm() {
  const [message, setMessage] = useState<string | null>(null);
  const onSubmit = (e: FormEvent<HTMLFormElement>): void => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const field = (name: string): string => {
      const v = form.get(name);
      return typeof v === 'string' ? v : '';
    };
    void saveFetchSettings({
      mailto: field('mailto'),
      apiKey: field('apiKey'),
      ncbiApiKey: field('ncbiApiKey'),
    }).then(setMessage);
  };
  return (
    <details className="data-credentials">
      <summary>Your e-mail and API keys for fetching</summary>
      <form onSubmit={onSubmit}>
        <label>
          E-mail (sent to OpenAlex and NCBI) <input name="mailto" type="email" autoComplete="email" />
        </label>
        <label>
          OpenAlex API key <input name="apiKey" type="password" autoComplete="off" />
        </label>
        <label>
          NCBI API key <input name="ncbiApiKey" type="password" autoComplete="off" />
        </label>
        <button type="submit" className="text-button">
          Use for fetches
        </button>
        <p className="hint">
          Kept in the server’s memory until it stops: never written to the dataset, the cache or a log.
        </p>
        {message && <p role="status">{message}</p>}
      </form>
    </details>
  );
}

/** The data card. */
export function DataCard() {
  const dataset = useAppStore((s) => s.dataset);
  const data = shownData(dataset);
  const error = errorOf(dataset);
  return (
    <section className="tool-card data-card" aria-label="About the data">
      <header className="tool-card-header">
        <h2>About the data</h2>
        <button
          type="button"
          className="close-button"
          aria-label="Close the data card"
          onClick={() => toggleDataCard(false)}
        >
          ×
        </button>
      </header>
      {error && <p className="error">The data card could not be loaded: {error}</p>}
      {!data && !error && <p className="hint">Counting…</p>}
      {data && <Body d={data} />}
    </section>
  );
}
