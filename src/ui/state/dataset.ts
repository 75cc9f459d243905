/** The data card: what the loaded dataset holds, where it lives, and the one action that improves it. */
import { errorMessage } from '../../model/errors';
import { api } from '../api/client';
import { failed, loading, ready } from './async';
import { setState } from './store';

/** Loads (or reloads) the data card's answer from GET /api/dataset. */
export async function loadDataset(): Promise<void> {
  setState((s) => ({ dataset: loading(s.dataset) }));
  try {
    setState({ dataset: ready(await api.dataset()) });
  } catch (e: unknown) {
    setState({ dataset: failed(errorMessage(e)) });
  }
}

/** Opens or closes the data card (loading it fresh on every open: a fetch may have grown it). */
export function toggleDataCard(open?: boolean): void {
  let opening = false;
  setState((s) => {
    const next = open ?? !s.dataCardOpen;
    opening = next && !s.dataCardOpen;
    return { dataCardOpen: next };
  });
  if (opening) void loadDataset();
}
