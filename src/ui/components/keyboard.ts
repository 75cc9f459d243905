import { getState } from '../state/store';
import { togglePanel } from '../state/view';

/** True when a key event comes from a place where the user types (inputs, the Cypher editor). */
export function isTypingTarget(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable);
}

const DETAILS = '[data-testid="detail-panel"]';

/**
 * Moves keyboard focus to the details panel's heading (the title of the selection), or to the panel
 * when nothing is selected, opening the panel when it is closed. The heading appears once the
 * details have loaded and React has drawn them, so this looks for it over a few frames (~0.5 s)
 * before it settles for the panel. `wanted` is asked again before the focus moves: frames can come
 * late (a busy page), and a user who has started typing elsewhere meanwhile keeps their focus.
 */
export function focusDetails(frames = 30, wanted: () => boolean = () => true): void {
  if (!getState().rightOpen) togglePanel('right');
  const tryFocus = (left: number): void => {
    if (!wanted()) return;
    const heading = document.querySelector<HTMLElement>(`${DETAILS} .detail-title`);
    if (heading) {
      heading.focus();
      return;
    }
    if (left > 0) {
      window.requestAnimationFrame(() => tryFocus(left - 1));
      return;
    }
    document.querySelector<HTMLElement>(DETAILS)?.focus();
  };
  window.requestAnimationFrame(() => tryFocus(frames));
}
