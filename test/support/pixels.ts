/** Pixel checks on screenshots. */
import { PNG } from 'pngjs';

/** Share of pixels that differ clearly from the top-left pixel (the page background). */
export function inkRatio(png: Buffer): number {
  const img = PNG.sync.read(png);
  const [r0, g0, b0] = [img.data[0]!, img.data[1]!, img.data[2]!];
  let ink = 0;
  for (let i = 0; i < img.data.length; i += 4) {
    const d = Math.abs(img.data[i]! - r0) + Math.abs(img.data[i + 1]! - g0) + Math.abs(img.data[i + 2]! - b0);
    if (d > 60) ink += 1;
  }
  return ink / (img.width * img.height);
}
