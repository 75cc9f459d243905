/**
 * Small screens: below 900 px the side panels are overlays over the network (styles.css), so the
 * network keeps the window's width. They start closed there, and only one is open at a time.
 */
import { setState, useAppStore } from './store';

/** Below this width (CSS px) the panels are overlays. Keep in step with styles.css. */
export const NARROW_MAX_WIDTH = 900;

/** True when the window is narrow enough for overlay panels. */
export function isNarrow(): boolean {
  return typeof window !== 'undefined' && window.matchMedia(`(max-width: ${NARROW_MAX_WIDTH}px)`).matches;
}

/**
 * Closes both panels on a narrow window, and from then on closes the other panel when one opens
 * there (two overlays would cover each other and the whole network). Returns the unsubscribe.
 */
export function startViewportWatch(): () => void {
  if (isNarrow()) setState({ leftOpen: false, rightOpen: false });
  return useAppStore.subscribe((s, prev) => {
    if (!s.leftOpen || !s.rightOpen || !isNarrow()) return;
    // The panel that just opened stays.
    if (!prev.leftOpen) setState({ rightOpen: false });
    else setState({ leftOpen: false });
  });
}
