/**
 * The concept map's data: GET /api/concept-map, loaded once and shared by the concept map view and
 * the crosstalk matrix (which shades its cells and grades its evidence from it). Kept in a store of
 * its own so the view's slice does not widen the app store's shape other features depend on.
 */
import { create } from 'zustand';
import type { ConceptMapPayload } from '../../model/concept-map';
import { errorMessage } from '../../model/errors';
import { api } from '../api/client';
import { IDLE, failed, ready, type AsyncState } from '../state/async';

/** The map's payload. */
export const useConceptMapStore = create<{ map: AsyncState<ConceptMapPayload> }>()(() => ({ map: IDLE }));

let loading: Promise<void> | null = null;

/** Loads the payload once (a failed load may be retried). */
export function loadConceptMap(): Promise<void> {
  if (useConceptMapStore.getState().map.status === 'ready') return Promise.resolve();
  return (loading ??= (async () => {
    useConceptMapStore.setState({ map: { status: 'loading' } });
    try {
      useConceptMapStore.setState({ map: ready(await api.conceptMap()) });
    } catch (e: unknown) {
      useConceptMapStore.setState({ map: failed(errorMessage(e)) });
    } finally {
      loading = null;
    }
  })());
}

/** The payload when loaded, else null (and starts the load). */
export function useConceptMap(): ConceptMapPayload | null {
  const map = useConceptMapStore((s) => s.map);
  if (map.status === 'idle') void loadConceptMap();
  return map.status === 'ready' ? map.data : null;
}
