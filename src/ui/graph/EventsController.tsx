/** Pointer events of the network: hover, click to select, double-click to focus a neighbourhood. */
import { useEffect } from 'react';
import { hoverNode, selectNode } from '../state/details';
import { focusNeighborhood } from '../state/filters';
import { useAppStore } from '../state/store';
import { isAlive, useSigma } from './sigma-context';

export function EventsController() {
  const sigma = useSigma();

  useEffect(() => {
    if (!isAlive(sigma)) return;
    const container = sigma.getContainer();
    const onEnter = ({ node }: { node: string }): void => {
      hoverNode(node);
      container.style.cursor = 'pointer';
    };
    const onLeave = (): void => {
      hoverNode(null);
      container.style.cursor = '';
    };
    const onClick = ({ node }: { node: string }): void => {
      void selectNode(node);
    };
    const onDouble = (e: { node: string; preventSigmaDefault: () => void }): void => {
      e.preventSigmaDefault();
      const hops = useAppStore.getState().focus?.hops ?? 1;
      void selectNode(e.node);
      void focusNeighborhood(e.node, hops);
    };
    const onStage = (): void => {
      void selectNode(null);
    };
    sigma.on('enterNode', onEnter);
    sigma.on('leaveNode', onLeave);
    sigma.on('clickNode', onClick);
    sigma.on('doubleClickNode', onDouble);
    sigma.on('clickStage', onStage);
    return () => {
      sigma.off('enterNode', onEnter);
      sigma.off('leaveNode', onLeave);
      sigma.off('clickNode', onClick);
      sigma.off('doubleClickNode', onDouble);
      sigma.off('clickStage', onStage);
    };
  }, [sigma]);

  return null;
}
