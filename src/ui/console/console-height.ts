/**
 * How tall the console may be: the network keeps at least {@link MIN_NETWORK_SHARE} of the
 * window's height (the timeline collapses to its bar while the console is open), and the console
 * at least {@link MIN_CONSOLE_PX}. Pure, so the rule is tested without a browser.
 */

/** Share of the window's height the network always keeps. */
export const MIN_NETWORK_SHARE = 0.5;
/** Height of the collapsed timeline's bar under the network. */
export const COLLAPSED_TIMELINE_PX = 34;
/** Smallest console: the editor and one row of results. */
export const MIN_CONSOLE_PX = 160;
/** What the console opens at, at most. */
export const DEFAULT_CONSOLE_PX = 360;
/** One arrow-key step of the resize handle. */
export const CONSOLE_STEP_PX = 24;

/** The largest console height for a window of `windowHeight` px whose header ends at `headerBottom`. */
export function maxConsoleHeight(windowHeight: number, headerBottom: number): number {
  const room = windowHeight - headerBottom - COLLAPSED_TIMELINE_PX;
  return Math.max(MIN_CONSOLE_PX, Math.floor(room - Math.ceil(windowHeight * MIN_NETWORK_SHARE)));
}

/** `height` held between the smallest and the largest console. */
export function clampConsoleHeight(height: number, windowHeight: number, headerBottom: number): number {
  return Math.min(maxConsoleHeight(windowHeight, headerBottom), Math.max(MIN_CONSOLE_PX, height));
}

/** The height the console opens at. */
export function defaultConsoleHeight(windowHeight: number, headerBottom: number): number {
  return clampConsoleHeight(DEFAULT_CONSOLE_PX, windowHeight, headerBottom);
}
