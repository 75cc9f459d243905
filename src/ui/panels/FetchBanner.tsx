/**
 * Growing the graph around a work: the "Fetch references and citing works" action, the banner that
 * says how little the graph knows of the review's references, and the running job's progress.
 */
import type { FetchJobPayload, WorkDetail } from '../../model/api';
import { referencesLookIncomplete } from '../model/coverage';
import { errorOf } from '../state/async';
import { cancelFetch, dismissFetchBanner, fetchIsRunning, startFetch } from '../state/fetch';
import { useAppStore } from '../state/store';

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

function Progress({ job }: { job: FetchJobPayload }) {
  const { done, planned, cached } = job.requests;
  const running = fetchIsRunning(job);
  return (
    <div className="fetch-progress" role="status" data-testid="fetch-progress" data-state={job.state}>
      {running && (
        <>
          <progress max={Math.max(planned, 1)} value={done} />
          <p>
            {job.state === 'loading'
              ? 'Loading the grown graph…'
              : `${done} of ${planned} requests${cached > 0 ? ` (${cached} from the cache)` : ''} · ${job.step}`}
          </p>
          {job.state === 'fetching' && (
            <button type="button" className="text-button" onClick={() => void cancelFetch()}>
              Cancel
            </button>
          )}
        </>
      )}
      {job.state === 'done' && job.result && (
        <p data-testid="fetch-result">
          {job.result.written
            ? `Added ${plural(job.result.newWorks, 'work')} and ${plural(job.result.newCitations, 'citation')}, filled ${plural(job.result.filledWorks, 'work')}`
            : 'Nothing new: the graph already had everything OpenAlex and PubMed returned'}
          ; {plural(job.result.networkRequests, 'request')} sent, {job.result.cachedRequests} answered from
          the cache.
          {job.result.skipped.length > 0 && (
            <> Skipped: {job.result.skipped.map((s) => `${s.count} × ${s.reason}`).join('; ')}.</>
          )}
        </p>
      )}
      {job.state === 'cancelled' && (
        <p>Cancelled; the graph is unchanged. A new fetch resumes from the cache.</p>
      )}
      {job.state === 'failed' && <p className="error">The fetch failed: {job.error}</p>}
    </div>
  );
}

/** The fetch action, banner and progress for one work. */
export function FetchBanner({ work }: { work: WorkDetail }) {
  const permission = useAppStore((s) => s.fetchPermission);
  const job = useAppStore((s) => s.fetchJob);
  const actionError = useAppStore((s) => errorOf(s.fetchAction));
  const starting = useAppStore((s) => s.fetchAction.status === 'loading');
  const dismissed = useAppStore((s) => s.fetchBannerDismissed.includes(work.id));
  const mine = job && job.work === work.id ? job : null;
  const busy = fetchIsRunning(job);
  const known = work.totals.references;
  const listed = work.openalexReferenceCount;
  const showBanner =
    work.isReview && !dismissed && !fetchIsRunning(mine) && referencesLookIncomplete(known, listed);
  const enabled = permission?.enabled === true;
  const fetchButton = (
    <button
      type="button"
      className="chip fetch-button"
      disabled={!enabled || busy || starting}
      title={enabled ? (busy ? 'Another fetch is running' : undefined) : permission?.reason}
      onClick={() => void startFetch(work.id)}
    >
      Fetch references and citing works
    </button>
  );
  return (
    <section className="fetch-section" aria-label="Grow the graph">
      {showBanner && (
        <div className="fetch-banner" role="note" data-testid="fetch-banner">
          <p>
            This graph knows {known}
            {listed !== null ? ` of the review's ${listed}` : " of the review's"} references
            {enabled ? ' — fetch the full list from OpenAlex.' : '.'}
          </p>
          {!enabled && permission && <p className="hint">{permission.reason}</p>}
          <button type="button" className="link-button small" onClick={() => dismissFetchBanner(work.id)}>
            dismiss
          </button>
        </div>
      )}
      <div className="actions">{fetchButton}</div>
      {actionError && (
        <p className="error" role="alert">
          {actionError}
        </p>
      )}
      {mine && <Progress job={mine} />}
    </section>
  );
}
