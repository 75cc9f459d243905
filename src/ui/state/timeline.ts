/** The timeline's stacking (kept in the store, so a link carries it). */
import { setState, type TimelineStack } from './store';

/** Stacks the timeline's bars by concept category or by community. */
export function setTimelineStack(stack: TimelineStack): void {
  setState({ timelineStack: stack });
}
