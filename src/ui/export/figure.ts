/**
 * A figure for papers from the network view: the view drawn by @sigma/export-image at 1×, 2× or
 * 4× the CSS pixels, with an optional title band above and legend band below, in the theme's
 * colours. Browser only (canvas).
 */
import type Sigma from 'sigma';
import type { LegendEntry } from './figure-legend';

/** What the figure holds besides the network. */
export interface FigureOptions {
  /** Pixels per CSS pixel of the view: 1, 2 or 4. */
  scale: 1 | 2 | 4;
  title: { text: string; subtitle: string } | null;
  legend: LegendEntry[] | null;
  background: string;
  textColor: string;
  mutedColor: string;
  font: string;
}

/**
 * The network at `scale`: @sigma/export-image draws at `window.devicePixelRatio` (it has no option
 * for it), and so does the temporary sigma it renders with, so labels and nodes scale with the
 * image. The ratio is overridden only while it draws.
 */
async function drawNetwork(sigma: Sigma, scale: number, background: string): Promise<HTMLCanvasElement> {
  const { drawOnCanvas } = await import('@sigma/export-image');
  const own = Object.getOwnPropertyDescriptor(window, 'devicePixelRatio');
  Object.defineProperty(window, 'devicePixelRatio', { configurable: true, get: () => scale });
  try {
    return await drawOnCanvas(sigma, { backgroundColor: background });
  } finally {
    if (own) Object.defineProperty(window, 'devicePixelRatio', own);
    else delete (window as { devicePixelRatio?: number }).devicePixelRatio;
  }
}

/** Lays the legend out in rows that fit `width`; returns each entry's place and the height used. */
function layoutLegend(
  ctx: CanvasRenderingContext2D,
  entries: readonly LegendEntry[],
  width: number,
  s: number,
): { places: { entry: LegendEntry; x: number; y: number }[]; height: number } {
  const pad = 12 * s;
  const row = 20 * s;
  const swatch = 12 * s;
  let x = pad;
  let y = pad;
  const places: { entry: LegendEntry; x: number; y: number }[] = [];
  for (const entry of entries) {
    const w = swatch + 6 * s + ctx.measureText(`${entry.label} (${entry.count})`).width + 18 * s;
    if (x + w > width - pad && x > pad) {
      x = pad;
      y += row;
    }
    places.push({ entry, x, y });
    x += w;
  }
  return { places, height: entries.length > 0 ? y + row + pad / 2 : 0 };
}

/** Draws the figure: title band, the network, legend band. */
export async function drawFigure(sigma: Sigma, o: FigureOptions): Promise<HTMLCanvasElement> {
  const network = await drawNetwork(sigma, o.scale, o.background);
  const s = o.scale;
  const width = network.width;
  const out = document.createElement('canvas');
  const ctx = out.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw a canvas image.');
  const legendFont = `${12 * s}px ${o.font}`;
  ctx.font = legendFont;
  const legend = o.legend ? layoutLegend(ctx, o.legend, width, s) : { places: [], height: 0 };
  const titleHeight = o.title ? 52 * s : 0;
  out.width = width;
  out.height = titleHeight + network.height + legend.height;

  // Resizing the canvas reset the context: set everything again.
  ctx.fillStyle = o.background;
  ctx.fillRect(0, 0, out.width, out.height);
  if (o.title) {
    ctx.textBaseline = 'alphabetic';
    ctx.fillStyle = o.textColor;
    ctx.font = `600 ${17 * s}px ${o.font}`;
    ctx.fillText(o.title.text, 12 * s, 24 * s, width - 24 * s);
    ctx.fillStyle = o.mutedColor;
    ctx.font = `${12 * s}px ${o.font}`;
    ctx.fillText(o.title.subtitle, 12 * s, 42 * s, width - 24 * s);
  }
  ctx.drawImage(network, 0, titleHeight);
  ctx.font = legendFont;
  ctx.textBaseline = 'middle';
  const top = titleHeight + network.height;
  for (const { entry, x, y } of legend.places) {
    const r = 6 * s;
    ctx.beginPath();
    ctx.arc(x + r, top + y + r, r, 0, Math.PI * 2);
    ctx.fillStyle = entry.color;
    ctx.fill();
    if (entry.ringed) {
      ctx.lineWidth = 1.5 * s;
      ctx.strokeStyle = o.textColor;
      ctx.stroke();
    }
    ctx.fillStyle = o.textColor;
    ctx.fillText(`${entry.label} (${entry.count})`, x + 2 * r + 6 * s, top + y + r);
  }
  return out;
}

/** A canvas as a PNG blob. */
export function canvasToPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('The PNG could not be encoded.'))),
      'image/png',
    );
  });
}
