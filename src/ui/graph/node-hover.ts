/**
 * The label of a hovered or selected node, drawn in the theme's colours. Sigma's own
 * `drawDiscNodeHover` always paints a white box and then the label in `labelColor`, so in the dark
 * theme (light label text) the label was white on white.
 */
import type { Attributes } from 'graphology-types';
// Types only: sigma's rendering module touches WebGL when it loads, and unit tests run in Node.
import type { NodeHoverDrawingFunction } from 'sigma/rendering';

/** Colours of the hover box and its label, per theme (the page's --bg-panel, --fg and --border). */
export const HOVER_COLOURS = {
  light: { box: '#ffffff', text: '#1f2328', border: '#dcdde1', shadow: 'rgba(0, 0, 0, 0.35)' },
  dark: { box: '#1f2024', text: '#e8e8e8', border: '#5d6470', shadow: 'rgba(0, 0, 0, 0.8)' },
} as const;

const PADDING = 2;

/** A sigma hover renderer in the colours of `theme`: box, ring and shadow, then the label. */
export function createDrawNodeHover<N extends Attributes, E extends Attributes>(
  theme: 'light' | 'dark',
): NodeHoverDrawingFunction<N, E> {
  const colours = HOVER_COLOURS[theme];
  return (context, data, settings) => {
    const size = settings.labelSize;
    context.font = `${settings.labelWeight} ${size}px ${settings.labelFont}`;
    context.fillStyle = colours.box;
    context.strokeStyle = colours.border;
    context.lineWidth = 1;
    context.shadowOffsetX = 0;
    context.shadowOffsetY = 0;
    context.shadowBlur = 8;
    context.shadowColor = colours.shadow;
    // The same shape as sigma's: a disc around the node joined to a box behind the label.
    context.beginPath();
    if (typeof data.label === 'string') {
      const textWidth = context.measureText(data.label).width;
      const boxWidth = Math.round(textWidth + 5);
      const boxHeight = Math.round(size + 2 * PADDING);
      const radius = Math.max(data.size, size / 2) + PADDING;
      const angle = Math.asin(boxHeight / 2 / radius);
      const dx = Math.sqrt(Math.abs(radius ** 2 - (boxHeight / 2) ** 2));
      context.moveTo(data.x + dx, data.y + boxHeight / 2);
      context.lineTo(data.x + radius + boxWidth, data.y + boxHeight / 2);
      context.lineTo(data.x + radius + boxWidth, data.y - boxHeight / 2);
      context.lineTo(data.x + dx, data.y - boxHeight / 2);
      context.arc(data.x, data.y, radius, angle, -angle);
    } else {
      context.arc(data.x, data.y, data.size + PADDING, 0, Math.PI * 2);
    }
    context.closePath();
    context.fill();
    context.shadowBlur = 0;
    context.stroke();
    // The label in the theme's text colour, where sigma's drawDiscNodeLabel puts it.
    if (typeof data.label === 'string') {
      context.fillStyle = colours.text;
      context.fillText(data.label, data.x + data.size + 3, data.y + size / 3);
    }
  };
}
