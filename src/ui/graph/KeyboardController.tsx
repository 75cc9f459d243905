/**
 * The network by keyboard: the network is a Tab stop; arrow keys move a cursor to the nearest
 * visible node in that direction (shown as the hovered node, its label boxed and its links lit),
 * Home goes to the most important node in view, Enter or Space opens the node's details, Escape
 * leaves the cursor. Every move is announced through a polite live region.
 */
import { useEffect, useRef, useState } from 'react';
import { CATEGORY_LABELS } from '../model/palette';
import { hoverNode, selectNode } from '../state/details';
import { getVisibleNodes } from '../state/graph-holder';
import { useAppStore } from '../state/store';
import { ARROW_DIRECTIONS, describeNode, nextInDirection, type ScreenPoint } from './keyboard-nav';
import { isAlive, useSigma, type UiSigma } from './sigma-context';

const HELP = 'Network. Arrow keys move between nodes, Home goes to the most cited, Enter opens one.';

/** The drawn nodes where the screen shows them (hidden ones left out). */
function screenPoints(sigma: UiSigma): ScreenPoint[] {
  const visible = getVisibleNodes();
  const points: ScreenPoint[] = [];
  sigma.getGraph().forEachNode((id) => {
    if (visible && !visible.has(id)) return;
    const d = sigma.getNodeDisplayData(id);
    if (!d || d.hidden) return;
    const p = sigma.framedGraphToViewport(d);
    points.push({ id, x: p.x, y: p.y });
  });
  return points;
}

/** The most important drawn node: the review, else the highest weight (ties: id). */
function mostImportant(sigma: UiSigma, points: readonly ScreenPoint[]): string | null {
  const g = sigma.getGraph();
  let best: string | null = null;
  let bestScore = -Infinity;
  for (const { id } of points) {
    const a = g.getNodeAttributes(id);
    const score = a.isReview ? Infinity : a.weight;
    if (score > bestScore || (score === bestScore && best !== null && id < best)) {
      best = id;
      bestScore = score;
    }
  }
  return best;
}

export function KeyboardController() {
  const sigma = useSigma();
  const [message, setMessage] = useState('');
  const cursor = useRef<string | null>(null);

  useEffect(() => {
    if (!isAlive(sigma)) return;
    const container = sigma.getContainer();
    const g = sigma.getGraph();

    const say = (id: string): string => {
      const a = g.getNodeAttributes(id);
      return describeNode({ ...a, categoryLabel: a.category ? CATEGORY_LABELS[a.category] : null });
    };

    /** Brings a node into the middle of the view when it is off screen (or under a panel). */
    const keepOnScreen = (id: string): void => {
      const d = sigma.getNodeDisplayData(id);
      if (!d) return;
      const p = sigma.framedGraphToViewport(d);
      const margin = 30;
      if (p.x > margin && p.y > margin && p.x < container.clientWidth - margin && p.y < container.clientHeight - margin)
        return;
      const camera = sigma.getCamera();
      void camera.animate({ x: d.x, y: d.y, ratio: camera.getState().ratio }, { duration: 250 });
    };

    const moveTo = (id: string): void => {
      cursor.current = id;
      hoverNode(id);
      keepOnScreen(id);
      setMessage(say(id));
    };

    const onKey = (e: KeyboardEvent): void => {
      if (e.target !== container || e.altKey || e.ctrlKey || e.metaKey) return;
      const dir = ARROW_DIRECTIONS[e.key];
      const current = cursor.current !== null && g.hasNode(cursor.current) ? cursor.current : null;
      if (dir) {
        e.preventDefault();
        const points = screenPoints(sigma);
        const selected = useAppStore.getState().selected;
        const start = current ?? (selected && points.some((p) => p.id === selected) ? selected : null);
        if (start === null) {
          const first = mostImportant(sigma, points);
          if (first) moveTo(first);
          else setMessage('No node is shown: change the filters to see some.');
          return;
        }
        const from = points.find((p) => p.id === start);
        const next = from ? nextInDirection(from, dir, points, start) : mostImportant(sigma, points);
        if (next) moveTo(next);
        else setMessage(`No node further ${dir}. ${say(start)}`);
      } else if (e.key === 'Home') {
        e.preventDefault();
        const first = mostImportant(sigma, screenPoints(sigma));
        if (first) moveTo(first);
      } else if ((e.key === 'Enter' || e.key === ' ') && current) {
        e.preventDefault();
        void selectNode(current);
        setMessage(`Opened ${g.getNodeAttributes(current).fullLabel}: its details are in the panel on the right.`);
      } else if (e.key === 'Escape') {
        cursor.current = null;
        hoverNode(null);
        setMessage(HELP);
      }
    };
    const onFocus = (): void => {
      if (cursor.current === null) setMessage(HELP);
    };
    const onBlur = (): void => {
      // The cursor is the hovered node while the network has focus; leaving it lets go.
      if (cursor.current !== null && useAppStore.getState().hovered === cursor.current) hoverNode(null);
      cursor.current = null;
    };
    container.addEventListener('keydown', onKey);
    container.addEventListener('focus', onFocus);
    container.addEventListener('blur', onBlur);
    return () => {
      container.removeEventListener('keydown', onKey);
      container.removeEventListener('focus', onFocus);
      container.removeEventListener('blur', onBlur);
    };
  }, [sigma]);

  return (
    <div className="visually-hidden" aria-live="polite" data-testid="network-announcer">
      {message}
    </div>
  );
}
