/**
 * Fetch jobs from the explorer: start one for a work (POST /api/fetch), poll its progress, cancel
 * it, and when it has loaded the grown dataset, reload the network keeping the old nodes' places,
 * the selection, the filters and the camera, then the selected work's details and the data card.
 */
import type { FetchJobPayload } from '../../model/api';
import { errorMessage } from '../../model/errors';
import { api } from '../api/client';
import { IDLE, failed, loading } from './async';
import { loadDataset } from './dataset';
import { selectNode } from './details';
import { placeGrownGraph } from '../model/grow-placement';
import { loadNetwork } from './graph';
import { getGraph } from './graph-holder';
import { getState, setState } from './store';
import { restoreCamera } from './view';

/** How often a running job is polled, in milliseconds. */
export const FETCH_POLL_MS = 400;

let polling: ReturnType<typeof setTimeout> | null = null;

const isRunning = (job: FetchJobPayload | null): boolean =>
  job !== null && (job.state === 'fetching' || job.state === 'loading');

/**
 * Reloads what the grown dataset changed, keeping the view: the old nodes keep their place on
 * screen (the server laid the grown graph out anew), the new works go near their neighbours
 * (ui/model/grow-placement.ts), and the selection, filters and camera stay.
 */
async function reloadAfter(job: FetchJobPayload): Promise<void> {
  const { camera, selected } = getState();
  const previous = getGraph();
  const graph = await loadNetwork(
    previous ? (next) => placeGrownGraph(previous, next, { anchor: job.work, seed: job.work }) : undefined,
  );
  if (!graph) return;
  if (camera) restoreCamera(camera);
  await selectNode(selected ?? job.work);
  if (getState().dataCardOpen) void loadDataset();
}

function poll(id: string): void {
  if (polling) clearTimeout(polling);
  polling = setTimeout(() => {
    polling = null;
    void (async () => {
      let job: FetchJobPayload;
      try {
        job = await api.fetchJob(id);
      } catch (e: unknown) {
        setState({ fetchAction: failed(`Lost track of the fetch: ${errorMessage(e)}`) });
        return;
      }
      const before = getState().fetchJob;
      setState({ fetchJob: job });
      if (isRunning(job)) poll(id);
      else if (job.state === 'done' && before?.state !== 'done' && job.result?.written)
        await reloadAfter(job);
    })();
  }, FETCH_POLL_MS);
}

/** Starts fetching the references and citing works of `work` and follows the job. */
export async function startFetch(work: string): Promise<void> {
  // The last job's result goes: what shows next is this job's.
  setState((s) => ({
    fetchAction: loading(s.fetchAction),
    fetchJob: fetchIsRunning(s.fetchJob) ? s.fetchJob : null,
  }));
  try {
    const job = await api.startFetch(work);
    setState({ fetchJob: job, fetchAction: IDLE });
    poll(job.id);
  } catch (e: unknown) {
    setState({ fetchAction: failed(errorMessage(e)) });
  }
}

/** Cancels the running job (the store stays as it was). */
export async function cancelFetch(): Promise<void> {
  const job = getState().fetchJob;
  if (!job || !isRunning(job)) return;
  try {
    setState({ fetchJob: await api.cancelFetch(job.id) });
  } catch (e: unknown) {
    setState({ fetchAction: failed(errorMessage(e)) });
  }
}

/** Asks whether this server may fetch, and picks up a job that is already running (the page was reloaded during a fetch). */
export async function resumeFetchWatch(): Promise<void> {
  try {
    const status = await api.fetchStatus();
    setState({ fetchJob: status.job, fetchPermission: { enabled: status.enabled, reason: status.reason } });
    if (status.job && isRunning(status.job)) poll(status.job.id);
  } catch (e: unknown) {
    setState({
      fetchPermission: {
        enabled: false,
        reason: `This server does not say whether it may fetch (${errorMessage(e)}).`,
      },
    });
  }
}

/**
 * Gives the server the e-mail and keys to ask with (kept in its memory only; an empty field
 * clears one). Returns a message for the user.
 */
export async function saveFetchSettings(settings: {
  mailto?: string;
  apiKey?: string;
  ncbiApiKey?: string;
}): Promise<string> {
  try {
    const set = await api.fetchSettings(settings);
    const names = [set.mailto && 'e-mail', set.apiKey && 'OpenAlex key', set.ncbiApiKey && 'NCBI key'].filter(
      Boolean,
    );
    return names.length > 0
      ? `The server now asks with: ${names.join(', ')} (in memory only).`
      : 'No e-mail or key set.';
  } catch (e: unknown) {
    return `Not saved: ${errorMessage(e)}`;
  }
}

/** Hides the review banner for a work. */
export function dismissFetchBanner(work: string): void {
  setState((s) => ({ fetchBannerDismissed: [...s.fetchBannerDismissed, work] }));
}

/** True when a job is fetching or loading. */
export function fetchIsRunning(job: FetchJobPayload | null): boolean {
  return isRunning(job);
}
