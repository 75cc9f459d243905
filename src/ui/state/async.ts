/**
 * The state of one asynchronous piece of the view (a load, a query, a trace): one union instead of
 * separate status, error and data fields that could disagree.
 */

/**
 * Idle (nothing asked yet), loading, ready with its data, or failed with a message for the user.
 * `previous` is what was shown before a reload, so a view can keep it on screen while it waits.
 */
export type AsyncState<T> =
  | { readonly status: 'idle' }
  | { readonly status: 'loading'; readonly previous?: T }
  | { readonly status: 'ready'; readonly data: T }
  | { readonly status: 'error'; readonly error: string };

/** Nothing asked yet. */
export const IDLE = { status: 'idle' } as const satisfies AsyncState<never>;

/** Loading, keeping what the state showed so far (ready data, or what an earlier reload kept). */
export function loading<T>(from: AsyncState<T>): AsyncState<T> {
  const previous = shownData(from);
  return previous === null ? { status: 'loading' } : { status: 'loading', previous };
}

/** Ready with data. */
export function ready<T>(data: T): AsyncState<T> {
  return { status: 'ready', data };
}

/** Failed, with a message for the user. */
export function failed(error: string): AsyncState<never> {
  return { status: 'error', error };
}

/** The data when ready, else null. */
export function dataOf<T>(s: AsyncState<T>): T | null {
  return s.status === 'ready' ? s.data : null;
}

/** The data when ready, or what a reload keeps showing while it waits; else null. */
export function shownData<T>(s: AsyncState<T>): T | null {
  if (s.status === 'ready') return s.data;
  if (s.status === 'loading') return s.previous ?? null;
  return null;
}

/** The message when failed, else null. */
export function errorOf(s: AsyncState<unknown>): string | null {
  return s.status === 'error' ? s.error : null;
}
