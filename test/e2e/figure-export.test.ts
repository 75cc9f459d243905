/**
 * Issue 17 item 10 in a real browser: the PNG export is a figure for papers — 2× or 4× the view's
 * pixels, with a title band and a legend band in the legend's colours. The built UI, the real
 * server over the bundled graph, headless Chromium; the downloaded PNG is decoded with pngjs.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { REVIEW_COLOR, WORK_COLOR } from '../../src/ui/model/palette';
import { requireChromium } from '../support/browser';
import { SHOTS, useExplorer } from '../support/explorer-page';
import { tempDir } from '../support/temp';

const hasBrowser = requireChromium();

/** True when some pixel in rows [y0, y1) has exactly this colour (#rrggbb). */
function hasColour(img: PNG, hex: string, y0: number, y1: number): boolean {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  for (let y = y0; y < y1; y++)
    for (let x = 0; x < img.width; x++) {
      const i = (y * img.width + x) * 4;
      if (img.data[i] === r && img.data[i + 1] === g && img.data[i + 2] === b) return true;
    }
  return false;
}

describe.skipIf(!hasBrowser)('PNG figure export (issue 17 item 10)', () => {
  const explorer = useExplorer();
  let page: Page;
  let downloads: string;

  beforeAll(async () => {
    page = explorer.page;
    downloads = await tempDir('crosstalk-figures-');
  });

  /** Sets the PNG options in the menu, exports and decodes the image. */
  const exportPng = async (scale: 1 | 2 | 4, title: boolean, legend: boolean): Promise<PNG> => {
    await page.getByTestId('export-button').click();
    const options = page.getByTestId('png-options');
    await options.getByRole('button', { name: `${scale}×` }).click();
    await options.getByLabel('title').setChecked(title);
    await options.getByLabel('legend').setChecked(legend);
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.locator('[data-export=png]').click(),
    ]);
    const file = path.join(downloads, `${scale}-${title}-${legend}-${download.suggestedFilename()}`);
    await download.saveAs(file);
    return PNG.sync.read(await readFile(file));
  };

  it('exports at 2× with a title above and a legend below, and at 4× without them', async () => {
    await explorer.open();
    const view = (await page.getByTestId('sigma-container').boundingBox())!;
    const width = Math.round(view.width);
    const height = Math.round(view.height);

    const figure = await exportPng(2, true, true);
    expect(figure.width).toBe(2 * width);
    // The title band (52 px) above and at least one legend row (20 px) below, at 2×.
    expect(figure.height).toBeGreaterThanOrEqual(2 * (height + 52 + 20));
    const legendTop = 2 * (52 + height);
    expect(hasColour(figure, WORK_COLOR, legendTop, figure.height), 'works swatch in the legend').toBe(true);
    expect(hasColour(figure, REVIEW_COLOR, legendTop, figure.height), 'review swatch in the legend').toBe(
      true,
    );
    await writeFile(path.join(SHOTS, 'figure-2x.png'), PNG.sync.write(figure));

    const plain = await exportPng(4, false, false);
    expect(plain.width).toBe(4 * width);
    expect(plain.height).toBe(4 * height);
  });
});
