/**
 * The network view: one sigma instance over the graphology model, plus render-less controllers
 * for reducers, events and the camera. Sigma and the graph stay out of React state.
 */
import { useEffect, useRef, useState } from 'react';
import Sigma from 'sigma';
import type { EdgeAttributes, NodeAttributes } from '../model/build-graph';
import { useGraphModel } from '../state/graph';
import { setSigma as holdSigma } from '../state/graph-holder';
import { useAppStore } from '../state/store';
import { CameraController } from './CameraController';
import { EventsController } from './EventsController';
import { LabelController } from './LabelController';
import { KeyboardController } from './KeyboardController';
import { NodeMenu } from './NodeMenu';
import { ReducersController } from './ReducersController';
import { SigmaContext, isAlive, markKilled, type UiSigma } from './sigma-context';
import { sigmaSettings } from './sigma-setup';
import { Tooltip } from './Tooltip';

/** Draws the loaded network. */
export function GraphView() {
  const container = useRef<HTMLDivElement>(null);
  const [sigma, setSigma] = useState<UiSigma | null>(null);
  // A new sigma for a new model; nodes added to the model are drawn by the same instance.
  const graph = useGraphModel()?.graph ?? null;
  const theme = useAppStore((s) => s.theme);

  useEffect(() => {
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
        markKilled(instance);
        instance.kill();
      }
    };
  }, [graph]);

  useEffect(() => {
    if (!sigma || !isAlive(sigma)) return;
    const s = sigmaSettings(theme);
    sigma.setSetting('labelColor', s.labelColor!);
    sigma.setSetting('defaultDrawNodeHover', s.defaultDrawNodeHover!);
    sigma.refresh();
  }, [sigma, theme]);

  return (
    <div className="graph-view">
      <div
        ref={container}
        className="sigma-container"
        data-testid="sigma-container"
        // A Tab stop with its own keys (KeyboardController): arrows move between nodes, Enter opens.
        tabIndex={0}
        role="application"
        aria-roledescription="network"
        aria-label="Citation and concept network. Arrow keys move between nodes, Enter opens one."
      />
      {sigma && (
        <SigmaContext.Provider value={sigma}>
          <ReducersController />
          <EventsController />
          <CameraController />
          <LabelController />
          <KeyboardController />
          <Tooltip />
          <NodeMenu />
        </SigmaContext.Provider>
      )}
    </div>
  );
}
