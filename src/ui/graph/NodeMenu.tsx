/** Right-click on a node: trace a path from or to it, focus its neighbourhood, or open it. */
import { useEffect, useRef, useState } from 'react';
import { selectNode } from '../state/details';
import { focusNeighborhood } from '../state/filters';
import { setPathEnd } from '../state/path';
import { isAlive, useSigma } from './sigma-context';

interface MenuAt {
  node: string;
  x: number;
  y: number;
}

export function NodeMenu() {
  const sigma = useSigma();
  const [menu, setMenu] = useState<MenuAt | null>(null);
  const first = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!isAlive(sigma)) return;
    const onRight = (e: { node: string; event: { x: number; y: number; original: MouseEvent | TouchEvent } }): void => {
      e.event.original.preventDefault();
      setMenu({ node: e.node, x: e.event.x, y: e.event.y });
    };
    const close = (): void => setMenu(null);
    sigma.on('rightClickNode', onRight);
    sigma.on('clickStage', close);
    sigma.on('rightClickStage', close);
    // No browser menu over the network.
    const container = sigma.getContainer();
    const block = (ev: MouseEvent): void => ev.preventDefault();
    container.addEventListener('contextmenu', block);
    return () => {
      sigma.off('rightClickNode', onRight);
      sigma.off('clickStage', close);
      sigma.off('rightClickStage', close);
      container.removeEventListener('contextmenu', block);
    };
  }, [sigma]);

  useEffect(() => {
    if (!menu) return;
    first.current?.focus();
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') setMenu(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [menu]);

  if (!menu) return null;
  const label = sigma.getGraph().hasNode(menu.node) ? sigma.getGraph().getNodeAttribute(menu.node, 'label') : menu.node;
  const run = (fn: () => unknown): void => {
    setMenu(null);
    fn();
  };
  return (
    <div className="node-menu" role="menu" aria-label={`Actions for ${label}`} style={{ left: menu.x, top: menu.y }}>
      <div className="node-menu-title">{label}</div>
      <button ref={first} type="button" role="menuitem" onClick={() => run(() => void selectNode(menu.node))}>
        Show details
      </button>
      <button type="button" role="menuitem" onClick={() => run(() => void setPathEnd('from', menu.node))}>
        Path from here
      </button>
      <button type="button" role="menuitem" onClick={() => run(() => void setPathEnd('to', menu.node))}>
        Path to here
      </button>
      <button
        type="button"
        role="menuitem"
        onClick={() => run(() => {
          void selectNode(menu.node);
          void focusNeighborhood(menu.node, 1);
        })}
      >
        Focus neighbourhood
      </button>
    </div>
  );
}
