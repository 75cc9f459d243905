/**
 * Issue 17 item 9 in a real browser: on a phone (414×896) the panels are overlays and start
 * closed, the network keeps its size, the counts are true and nothing scrolls sideways; on a
 * tablet (1024×768) the search box is usable; at 1440×900 hiding the panels re-centres the graph.
 * Screenshots go to test/e2e/__screenshots__ (small-*.png).
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import type Sigma from 'sigma';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REVIEW_ID } from '../../src/model/ids';
import { requireChromium } from '../support/browser';
import { SHOTS, detailTitle, useExplorer, visibleCount } from '../support/explorer-page';

const hasBrowser = requireChromium();

/** Loads the app at a size and waits until the network is drawn (not on a count: it may be 0). */
async function openAt(page: Page, url: string, width: number, height: number): Promise<void> {
  await page.setViewportSize({ width, height });
  await page.goto(url);
  await page.locator('[data-testid=sigma-container]').waitFor();
  await page.waitForTimeout(1500);
}

/** Size of an element on screen. */
async function size(page: Page, selector: string): Promise<{ width: number; height: number }> {
  const box = await page.locator(selector).first().boundingBox();
  return { width: box?.width ?? 0, height: box?.height ?? 0 };
}

/** How far the page scrolls sideways (0: not at all). */
const sideways = (page: Page): Promise<number> =>
  page.evaluate(() => {
    const d = (
      globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }
    ).document.documentElement;
    return d.scrollWidth - d.clientWidth;
  });

/** Where the middle of the drawn nodes is, relative to the middle of the network (px). */
const graphOffset = (page: Page): Promise<{ dx: number; dy: number; width: number }> =>
  page.evaluate(() => {
    const s = (globalThis as unknown as { __crosstalkSigma: Sigma }).__crosstalkSigma;
    let [minX, maxX, minY, maxY] = [Infinity, -Infinity, Infinity, -Infinity];
    s.getGraph().forEachNode((id) => {
      const d = s.getNodeDisplayData(id);
      if (!d || d.hidden) return;
      const p = s.framedGraphToViewport(d);
      [minX, maxX, minY, maxY] = [
        Math.min(minX, p.x),
        Math.max(maxX, p.x),
        Math.min(minY, p.y),
        Math.max(maxY, p.y),
      ];
    });
    const { width, height } = s.getDimensions();
    return { dx: (minX + maxX) / 2 - width / 2, dy: (minY + maxY) / 2 - height / 2, width };
  });

describe.skipIf(!hasBrowser)('small screens (issue 17 item 9)', () => {
  const explorer = useExplorer();
  let page: Page;

  beforeAll(() => {
    page = explorer.page;
  });
  afterAll(async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('on a phone (414×896) shows the network, true counts, panels as overlays, no sideways scroll', async () => {
    await openAt(page, explorer.base, 414, 896);
    await page.screenshot({ path: path.join(SHOTS, 'small-phone.png') });
    const network = await size(page, '[data-testid=sigma-container]');
    expect(network.width).toBeGreaterThanOrEqual(400);
    expect(network.height).toBeGreaterThanOrEqual(300);
    expect(await sideways(page)).toBe(0);

    // The filters open over the network (which keeps its size) and tell the truth.
    await page.getByRole('button', { name: 'Filters', exact: true }).click();
    await expect.poll(() => visibleCount(page)).toBe(594);
    expect(await page.getByText('Nothing matches these filters').count()).toBe(0);
    expect((await size(page, '[data-testid=sigma-container]')).width).toBe(network.width);
    await page.screenshot({ path: path.join(SHOTS, 'small-phone-filters.png') });
    expect(await sideways(page)).toBe(0);
    await page.getByRole('button', { name: 'Filters', exact: true }).click();

    // A selection opens the details over the network; they can be closed again.
    await page.fill('input[type=search]', 'irisin');
    await page.locator('.search-results li[role=option]').first().filter({ hasText: 'irisin' }).waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => detailTitle(page)).toBe('irisin');
    expect((await size(page, '[data-testid=sigma-container]')).width).toBe(network.width);
    const details = await size(page, '[data-testid=detail-panel]');
    expect(details.width).toBeGreaterThan(300);
    expect(details.width).toBeLessThanOrEqual(414);
    expect(await sideways(page)).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'small-phone-details.png') });
  });

  it('on a tablet (1024×768) leaves the search box room to type', async () => {
    await openAt(page, `${explorer.base}?node=${encodeURIComponent(REVIEW_ID)}`, 1024, 768);
    await page.screenshot({ path: path.join(SHOTS, 'small-tablet.png') });
    expect((await size(page, 'input[type=search]')).width).toBeGreaterThanOrEqual(240);
    expect((await size(page, '[data-testid=sigma-container]')).width).toBeGreaterThanOrEqual(300);
    expect(await sideways(page)).toBe(0);
  });

  it('re-centres the graph when the panels are hidden at 1440×900', async () => {
    await openAt(page, explorer.base, 1440, 900);
    const before = await graphOffset(page);
    expect(Math.abs(before.dx)).toBeLessThan(before.width * 0.05);
    await page.getByRole('button', { name: 'Filters', exact: true }).click();
    await page.getByRole('button', { name: 'Details', exact: true }).click();
    await page.waitForTimeout(1000);
    await page.screenshot({ path: path.join(SHOTS, 'small-wide-no-panels.png') });
    const after = await graphOffset(page);
    expect(after.width).toBeGreaterThan(before.width + 500);
    expect(Math.abs(after.dx), `graph centre ${after.dx.toFixed(0)} px from the middle`).toBeLessThan(
      after.width * 0.05,
    );
  });
});
