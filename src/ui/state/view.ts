/** How the view looks: which view is in the centre, colours, theme, panels, the notice banner, the camera and the view's link. */
import { shareableLink } from './url-state';
import { getState, setState, type ActiveView, type CameraView, type ColorMode, type Theme } from './store';

/** Every view the centre can show, in the header's order (which ones it offers: `ui/app/views.tsx`). */
export const ACTIVE_VIEWS: readonly ActiveView[] = ['network', 'litmap', 'conceptmap'];

/** Shows another view in the centre (selection, filters and the rest of the state are shared). */
export function setActiveView(view: ActiveView): void {
  if (getState().activeView !== view) setState({ activeView: view });
}

/** Colours nodes by kind or community. */
export function setColorMode(mode: ColorMode): void {
  setState({ colorMode: mode });
}

/** Switches the theme. */
export function setTheme(theme: Theme): void {
  setState({ theme });
  if (typeof document !== 'undefined') document.documentElement.dataset.theme = theme;
}

/** Opens or closes a side panel. */
export function togglePanel(side: 'left' | 'right'): void {
  setState((s) => (side === 'left' ? { leftOpen: !s.leftOpen } : { rightOpen: !s.rightOpen }));
}

/** Records what the view shows after filtering. */
export function reportVisible(nodes: number, edges: number): void {
  const s = getState();
  if (s.visibleNodes !== nodes || s.visibleEdges !== edges)
    setState({ visibleNodes: nodes, visibleEdges: edges });
}

/** Shows a message in the notice banner. */
export function showNotice(notice: string): void {
  setState({ notice });
}

/** Dismisses the notice banner. */
export function dismissNotice(): void {
  setState({ notice: null });
}

/** Where the camera is now (called by the camera controller, debounced). */
export function cameraMoved(camera: CameraView): void {
  setState({ camera });
}

/** Restores a camera once the network is drawn (a shared link's). */
export function restoreCamera(camera: CameraView): void {
  setState({ camera, pendingCamera: camera });
}

/** The camera from a shared link has been applied. */
export function cameraRestored(): void {
  setState({ pendingCamera: null });
}

/** Copies a link to the current view to the clipboard; says so in the notice banner. */
export async function copyViewLink(): Promise<string> {
  const link = shareableLink(getState());
  try {
    await navigator.clipboard.writeText(link);
    showNotice('Link to this view copied to the clipboard.');
  } catch {
    // Clipboard access needs a secure context or permission: show the link to copy by hand.
    showNotice(`Copy this link: ${link}`);
  }
  return link;
}
