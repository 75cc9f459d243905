/**
 * The network view: one sigma instance over the graphology model, plus render-less controllers
 * for reducers, events and the camera. Sigma and the graph stay out of React state.
 */
import { createContext, useContext, useEffect, useRef, useState } from 'react';
import Sigma from 'sigma';
import { getGraph, setSigma as holdSigma } from '../state/graph-holder';
import { useAppStore } from '../state/store';
import type { EdgeAttributes, NodeAttributes } from '../model/build-graph';
import { CameraController } from './CameraController';
import { EventsController } from './EventsController';
import { NodeMenu } from './NodeMenu';
import { ReducersController } from './ReducersController';
import { sigmaSettings } from './sigma-setup';
import { Tooltip } from './Tooltip';

/** The sigma instance of the view. */
export type UiSigma = Sigma<NodeAttributes, EdgeAttributes>;

const SigmaContext = createContext<UiSigma | null>(null);

/** Instances already killed: effects re-run by React (StrictMode, fast refresh) must not touch them. */
const killed = new WeakSet<UiSigma>();

/** True while a sigma instance may still be drawn to. */
export function isAlive(sigma: UiSigma): boolean {
  return !killed.has(sigma);
}

/** The sigma instance (inside GraphView only). */
export function useSigma(): UiSigma {
  const s = useContext(SigmaContext);
  if (!s) throw new Error('useSigma must be used inside GraphView');
  return s;
}

/** Draws the loaded network. */
export function GraphView() {
  const container = useRef<HTMLDivElement>(null);
  const [sigma, setSigma] = useState<UiSigma | null>(null);
  const graphVersion = useAppStore((s) => s.graphVersion);
  const theme = useAppStore((s) => s.theme);

  useEffect(() => {
    const graph = getGraph();
    const element = container.current;
    if (!element || !graph) return;
    let instance: UiSigma | null = null;
    // Create sigma only once the container has a size (stylesheets may still be loading).
    const ensure = (): void => {
      if (instance) {
        // Sigma clears the canvas on resize; draw again (the timeline, console or panels moved).
        instance.resize();
        instance.refresh();
        return;
      }
      if (element.clientWidth === 0 || element.clientHeight === 0) return;
      instance = new Sigma<NodeAttributes, EdgeAttributes>(graph, element, sigmaSettings(useAppStore.getState().theme));
      (window as unknown as { __crosstalkSigma?: UiSigma }).__crosstalkSigma = instance;
      // User Timing mark for benchmarks and tests: time from navigation to the first drawn frame.
      instance.once('afterRender', () => performance.mark('crosstalk:first-render'));
      holdSigma(instance);
      setSigma(instance);
    };
    const observer = new ResizeObserver(ensure);
    observer.observe(element);
    ensure();
    return () => {
      observer.disconnect();
      setSigma(null);
      if (instance) {
        holdSigma(null);
        killed.add(instance);
        instance.kill();
      }
    };
  }, [graphVersion]);

  useEffect(() => {
    if (!sigma || !isAlive(sigma)) return;
    const s = sigmaSettings(theme);
    sigma.setSetting('labelColor', s.labelColor!);
    sigma.refresh();
  }, [sigma, theme]);

  return (
    <div className="graph-view">
      <div ref={container} className="sigma-container" data-testid="sigma-container" aria-label="Citation and concept network" role="img" />
      {sigma && (
        <SigmaContext.Provider value={sigma}>
          <ReducersController />
          <EventsController />
          <CameraController />
          <Tooltip />
          <NodeMenu />
        </SigmaContext.Provider>
      )}
    </div>
  );
}
