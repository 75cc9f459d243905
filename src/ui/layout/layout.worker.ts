/// <reference lib="webworker" />
/**
 * Web worker that runs {@link computeSubsetLayout} off the main thread. One message in (a
 * {@link SubsetLayoutInput}), one out: `{ ids, x, y }` as transferable typed arrays, or `{ error }`.
 */
import { computeSubsetLayout, type SubsetLayoutInput } from './subset-layout';
import { errorMessage } from '../../model/errors';

/** The worker's answer. */
export type SubsetLayoutReply = { ids: string[]; x: Float64Array; y: Float64Array } | { error: string };

self.onmessage = (event: MessageEvent<SubsetLayoutInput>) => {
  try {
    const positions = computeSubsetLayout(event.data);
    const ids = [...positions.keys()];
    const x = new Float64Array(ids.length);
    const y = new Float64Array(ids.length);
    ids.forEach((id, i) => {
      const p = positions.get(id)!;
      x[i] = p.x;
      y[i] = p.y;
    });
    const reply: SubsetLayoutReply = { ids, x, y };
    (self as unknown as Worker).postMessage(reply, [x.buffer, y.buffer]);
  } catch (e: unknown) {
    const reply: SubsetLayoutReply = { error: errorMessage(e) };
    (self as unknown as Worker).postMessage(reply);
  }
};
