/**
 * The literature map's first frame on a 2D canvas: its works and links at their start positions,
 * without labels, while sigma (WebGL) is not ready to draw them. In headless Chromium's software
 * GL (SwiftShader) sigma's first frame waited seconds on the GPU process (its context, programs
 * and synchronous GL calls queue behind every page frame), also on a 7-work map whose data came in
 * 49 ms; a 2D canvas of 300 discs and ~2,000 lines is drawn in milliseconds. Sigma's frame replaces
 * it (the view hides the canvas once sigma has drawn the graph).
 */
import type { MapGraph } from './map-model';

/** Sigma's padding around the graph (the view's `stagePadding`), so the works barely move when it takes over. */
export const PREVIEW_PADDING = 60;

/**
 * Draws `graph` fitted into `canvas` (y up, as sigma draws it). Returns false when the canvas has
 * no size or no 2D context.
 */
export function drawPreview(canvas: HTMLCanvasElement, graph: MapGraph, padding = PREVIEW_PADDING): boolean {
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  const ctx = canvas.getContext('2d');
  if (!ctx || width === 0 || height === 0 || graph.order === 0) return false;
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  graph.forEachNode((_id, a) => {
    minX = Math.min(minX, a.x);
    maxX = Math.max(maxX, a.x);
    minY = Math.min(minY, a.y);
    maxY = Math.max(maxY, a.y);
  });
  const scale = Math.min(
    (width - 2 * padding) / Math.max(1e-9, maxX - minX),
    (height - 2 * padding) / Math.max(1e-9, maxY - minY),
  );
  const s = Number.isFinite(scale) && scale > 0 ? scale : 1;
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  const px = (x: number): number => width / 2 + (x - cx) * s;
  const py = (y: number): number => height / 2 - (y - cy) * s;
  // Links first, in one path (one colour), then the works over them.
  ctx.beginPath();
  graph.forEachEdge((_e, _a, _s, _t, sa, ta) => {
    ctx.moveTo(px(sa.x), py(sa.y));
    ctx.lineTo(px(ta.x), py(ta.y));
  });
  ctx.strokeStyle = '#c8c8c8';
  ctx.lineWidth = 1;
  ctx.stroke();
  graph.forEachNode((_id, a) => {
    ctx.beginPath();
    ctx.arc(px(a.x), py(a.y), a.size, 0, 2 * Math.PI);
    ctx.fillStyle = a.color;
    ctx.fill();
  });
  return true;
}
