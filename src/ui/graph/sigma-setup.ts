/** Sigma programs and settings of the network view. */
import { createNodeBorderProgram } from '@sigma/node-border';
import type { Settings } from 'sigma/settings';
import { EdgeArrowProgram, EdgeRectangleProgram, NodeCircleProgram } from 'sigma/rendering';
import type { EdgeAttributes, NodeAttributes } from '../model/build-graph';
import { createDrawNodeHover } from './node-hover';

/** Concepts: filled disc with a ring (`borderColor`), so they read apart from works. */
const ConceptProgram = createNodeBorderProgram<NodeAttributes, EdgeAttributes>({
  borders: [
    { size: { attribute: 'borderSize', defaultValue: 0.16 }, color: { attribute: 'borderColor', defaultValue: '#444444' } },
    { size: { fill: true }, color: { attribute: 'color' } },
  ],
});

/** Sigma settings, per theme. */
export function sigmaSettings(theme: 'light' | 'dark'): Partial<Settings<NodeAttributes, EdgeAttributes>> {
  return {
    nodeProgramClasses: { circle: NodeCircleProgram, concept: ConceptProgram },
    edgeProgramClasses: { arrow: EdgeArrowProgram, line: EdgeRectangleProgram },
    defaultNodeType: 'circle',
    defaultEdgeType: 'line',
    renderEdgeLabels: false,
    zIndex: true,
    labelFont: 'Inter, "Segoe UI", system-ui, -apple-system, sans-serif',
    labelSize: 12,
    labelWeight: '500',
    labelColor: { color: theme === 'dark' ? '#e8e8e8' : '#1f2328' },
    // Sigma's own hover box is white in every theme: with the dark theme's light labels, unreadable.
    defaultDrawNodeHover: createDrawNodeHover<NodeAttributes, EdgeAttributes>(theme),
    labelDensity: 0.5,
    labelGridCellSize: 140,
    labelRenderedSizeThreshold: 11,
    minCameraRatio: 0.03,
    maxCameraRatio: 3,
    stagePadding: 40,
    enableEdgeEvents: false,
    // The container may not be laid out yet when React mounts it; a ResizeObserver resizes later.
    allowInvalidContainer: true,
  };
}
