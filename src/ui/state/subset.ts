/** A query result or a traced path shown as its own small graph, and the way back to the whole. */
import { relayoutSubset } from './relayout';
import { setState } from './store';

/** Shows `ids` on their own, laid out again for that subset (clearFocus goes back). */
export async function showSubset(title: string, ids: Iterable<string>): Promise<void> {
  const set = new Set(ids);
  setState({ subset: { title, ids: set }, focus: null });
  await relayoutSubset([...set].sort(), `subset:${title}`);
}
