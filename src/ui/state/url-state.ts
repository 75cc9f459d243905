/**
 * Shareable view state in the URL: `?node=<id>&color=community&theme=dark`. Invalid values are
 * ignored with a notice, never a crash.
 */
import type { AppState, ColorMode, Theme } from './store';

/** View state read from the URL. */
export interface UrlState {
  selected: string | null;
  colorMode: ColorMode | null;
  theme: Theme | null;
  /** The console query, when the link carries one (opens the console). */
  query: string | null;
  notice: string | null;
}

/** Parses a query string. */
export function parseUrlState(search: string): UrlState {
  const p = new URLSearchParams(search);
  const problems: string[] = [];
  const node = p.get('node');
  const color = p.get('color');
  const theme = p.get('theme');
  let colorMode: ColorMode | null = null;
  if (color === 'kind' || color === 'community') colorMode = color;
  else if (color !== null) problems.push(`colour mode “${color}”`);
  let th: Theme | null = null;
  if (theme === 'light' || theme === 'dark') th = theme;
  else if (theme !== null) problems.push(`theme “${theme}”`);
  const selected = node !== null && node.length > 0 && node.length <= 500 ? node : null;
  if (node !== null && selected === null) problems.push('node id');
  const q = p.get('query');
  const query = q !== null && q.length > 0 && q.length <= 20_000 ? q : null;
  if (q !== null && query === null) problems.push('query');
  return {
    selected,
    colorMode,
    theme: th,
    query,
    notice: problems.length > 0 ? `Ignored an invalid ${problems.join(' and ')} in the link.` : null,
  };
}

/** Reads the current page's URL state (empty outside a browser). */
export function readUrlState(): UrlState {
  if (typeof window === 'undefined')
    return { selected: null, colorMode: null, theme: null, query: null, notice: null };
  return parseUrlState(window.location.search);
}

/** Writes the shareable part of the state into the URL without adding history entries. */
export function writeUrlState(
  s: Pick<AppState, 'selected' | 'colorMode' | 'theme' | 'consoleOpen' | 'query'>,
): void {
  if (typeof window === 'undefined') return;
  const p = new URLSearchParams();
  if (s.selected) p.set('node', s.selected);
  if (s.consoleOpen && s.query.trim()) p.set('query', s.query.trim());
  if (s.colorMode !== 'kind') p.set('color', s.colorMode);
  if (s.theme !== 'light') p.set('theme', s.theme);
  const q = p.toString();
  const url = `${window.location.pathname}${q ? `?${q}` : ''}`;
  if (url !== `${window.location.pathname}${window.location.search}`)
    window.history.replaceState(null, '', url);
}
