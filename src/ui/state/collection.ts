/**
 * The collection: works the user gathers to ask about together, the "selection of works" of
 * related-works tools. Works are added from their details (wherever a click opened them: the
 * network, a list, the literature map) or from a Cypher result, kept in links (`pick=`), and asked about with POST /api/related (related, prior
 * and derivative works and reviews of them all, each with its evidence) or drawn as one map.
 */
import type { RelatedKind, RelatedPayload } from '../../model/api';
import { labelOfId } from '../../model/ids';
import { errorMessage } from '../../model/errors';
import { api } from '../api/client';
import { IDLE, failed, loading, ready, shownData, type AsyncState } from './async';
import { MAX_MAP_SEEDS, openLitMap } from './litmap';
import { RELATED_ROWS } from './related';
import { getState, setState, type CollectionSlice } from './store';

/** Most works a collection holds: the most /api/related and /api/litmap take at once. */
export const MAX_COLLECTION = MAX_MAP_SEEDS;

/** The rankings a collection can be asked for ("not cited" audits one work at a time). */
export type CollectionKind = CollectionSlice['collectionKind'];

const isWork = (id: string): boolean => labelOfId(id) === 'Work';

/**
 * Adds works (other ids are left out; the order of first adding is kept), up to
 * {@link MAX_COLLECTION}; says so when some did not fit. Returns how many were added.
 */
export function addToCollection(ids: Iterable<string>): number {
  const have = getState().collection;
  const next = [...have];
  const known = new Set(have);
  let over = 0;
  for (const id of ids) {
    if (!isWork(id) || known.has(id)) continue;
    if (next.length >= MAX_COLLECTION) {
      over += 1;
      continue;
    }
    known.add(id);
    next.push(id);
  }
  const added = next.length - have.length;
  if (added > 0) setState({ collection: next });
  if (over > 0)
    setState({
      notice: `The collection holds at most ${MAX_COLLECTION} works; ${over} more were not added.`,
    });
  return added;
}

/** Takes one work out of the collection. */
export function removeFromCollection(id: string): void {
  const { collection } = getState();
  if (collection.includes(id)) setState({ collection: collection.filter((x) => x !== id) });
}

/** Adds a work, or takes it out when it is in already. */
export function toggleInCollection(id: string): void {
  if (getState().collection.includes(id)) removeFromCollection(id);
  else addToCollection([id]);
}

/** Empties the collection. */
export function clearCollection(): void {
  setState({ collection: [], collectionRelated: IDLE });
}

/** Sets the collection from a link (works only, at most {@link MAX_COLLECTION}). */
export function restoreCollection(ids: readonly string[]): void {
  setState({ collection: [...new Set(ids.filter(isWork))].slice(0, MAX_COLLECTION) });
}

let request: AbortController | null = null;

/** Chooses the ranking the card shows (the card loads it). */
export function chooseCollectionKind(kind: CollectionKind): void {
  setState({ collectionKind: kind });
}

/** Loads one ranking of the works related to the whole collection; a newer call wins. */
export async function loadCollectionRelated(kind: CollectionKind = getState().collectionKind): Promise<void> {
  const ids = [...getState().collection];
  request?.abort();
  if (ids.length === 0) {
    setState({ collectionKind: kind, collectionRelated: IDLE });
    return;
  }
  const controller = new AbortController();
  request = controller;
  setState((s) => ({ collectionKind: kind, collectionRelated: loading(s.collectionRelated) }));
  try {
    const answer = await api.relatedOf(ids, kind, RELATED_ROWS, controller.signal);
    if (controller.signal.aborted) return;
    setState({ collectionRelated: ready(answer) });
  } catch (e: unknown) {
    if (controller.signal.aborted) return;
    setState({ collectionRelated: failed(errorMessage(e)) });
  }
}

/**
 * The answer shown for the collection `ids` and `kind`: ready, or kept on screen while that same
 * answer reloads (the server names the seeds it found, in the order asked, and the unknown ones).
 */
export function collectionAnswerFor(
  state: AsyncState<RelatedPayload>,
  ids: readonly string[],
  kind: RelatedKind,
): RelatedPayload | null {
  const data = shownData(state);
  if (!data || data.kind !== kind) return null;
  const asked = new Set([...data.seeds, ...data.unknown]);
  return asked.size === ids.length && ids.every((id) => asked.has(id)) ? data : null;
}

/** Opens the literature map around the collection. */
export async function mapCollection(): Promise<void> {
  await openLitMap(getState().collection);
}
