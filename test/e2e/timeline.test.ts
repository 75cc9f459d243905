/**
 * The timeline in a real browser: the built UI over the real server and embedded store (bundled
 * dataset), driven in headless Chromium. Brushing the year histogram filters the network; the
 * filter panel's year inputs follow; the review's year is marked. Screenshots go to
 * test/e2e/__screenshots__/ (ignored by git).
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireChromium } from '../support/browser';
import { SHOTS, useExplorer, visibleCount } from '../support/explorer-page';
import { inkRatio } from '../support/pixels';

const hasBrowser = requireChromium();

/** Every node of the bundled network (460 works + 134 concepts). */
const ALL_NODES = 594;
/** Chart margins of the timeline's SVG (see src/ui/timeline/Timeline.tsx). */
const PLOT_LEFT = 40;
const PLOT_RIGHT = 12;

describe.skipIf(!hasBrowser)('the timeline in Chromium', () => {
  const explorer = useExplorer();
  let page: Page;

  beforeAll(() => {
    page = explorer.page;
  });

  const open = async (query = ''): Promise<void> => {
    await explorer.open(query);
    await page.locator('[data-testid=timeline-svg]').waitFor();
    await expect.poll(() => visibleCount(page)).toBe(ALL_NODES);
  };

  /** Page coordinates of a point at `fraction` of the plot's width, inside the bars' area. */
  const plotPoint = async (fraction: number): Promise<{ x: number; y: number }> => {
    const box = (await page.locator('[data-testid=timeline-svg]').boundingBox())!;
    return { x: box.x + PLOT_LEFT + fraction * (box.width - PLOT_LEFT - PLOT_RIGHT), y: box.y + 60 };
  };

  const drag = async (from: number, to: number): Promise<void> => {
    const a = await plotPoint(from);
    const b = await plotPoint(to);
    await page.mouse.move(a.x, a.y);
    await page.mouse.down();
    await page.mouse.move(b.x, b.y, { steps: 10 });
    await page.mouse.up();
  };

  const yearInputs = async (): Promise<[string, string]> => [
    await page.getByLabel('From year').inputValue(),
    await page.getByLabel('To year').inputValue(),
  ];

  it('shows the works per year, the review year marked and the undated works as a note', async () => {
    await open();
    const timeline = page.locator('[data-testid=timeline]');
    expect(await timeline.locator('.timeline-year').count()).toBeGreaterThan(30);
    await expect
      .poll(() => timeline.locator('[data-testid=timeline-review]').textContent())
      .toContain('Kirk et al. 2025');
    expect(await timeline.locator('[data-testid=timeline-unknown]').textContent()).toBe(
      '80 works without a year',
    );
    expect(await timeline.locator('.timeline-svg text').allTextContents()).toEqual(
      expect.arrayContaining(['1980', '2000', '2020']),
    );
    // Counts on hover: 28 works were published in 2020 (domain 1978–2025, 48 years).
    const p = await plotPoint((2020 - 1978 + 0.5) / 48);
    await page.mouse.move(p.x, p.y);
    await expect
      .poll(() => page.locator('[data-testid=timeline-tooltip]').textContent())
      .toContain('2020 · 28 works');
    await page.screenshot({ path: path.join(SHOTS, 'timeline-hover.png') });
  });

  it('filters the network by brushing a year range, the year inputs follow, and clearing restores it', async () => {
    await open();
    await drag(0.62, 0.85);
    await expect.poll(() => visibleCount(page)).toBeLessThan(ALL_NODES);
    const range = await page.locator('[data-testid=timeline-range]').textContent();
    const [, lo, hi] = /^Years (\d{4})–(\d{4})$/.exec(range ?? '') ?? [];
    expect(lo && hi && Number(lo) < Number(hi)).toBeTruthy();
    expect(await yearInputs()).toEqual([lo, hi]);
    expect(await page.locator('[data-testid=timeline-brush]').count()).toBe(1);
    // Undated works stay (the filter keeps them by default) and the note says so.
    expect(await page.locator('[data-testid=timeline-unknown]').textContent()).toBe(
      '80 works without a year (shown)',
    );
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(SHOTS, 'timeline-brushed.png') });

    await page.getByRole('button', { name: 'Clear years' }).click();
    await expect.poll(() => visibleCount(page)).toBe(ALL_NODES);
    expect(await yearInputs()).toEqual(['', '']);
    expect(await page.locator('[data-testid=timeline-brush]').count()).toBe(0);

    // A click outside the brush clears it too; a click inside keeps it.
    await drag(0.7, 0.8);
    await expect.poll(() => visibleCount(page)).toBeLessThan(ALL_NODES);
    const inside = await plotPoint(0.75);
    await page.mouse.click(inside.x, inside.y);
    expect(await visibleCount(page)).toBeLessThan(ALL_NODES);
    const outside = await plotPoint(0.1);
    await page.mouse.click(outside.x, outside.y);
    await expect.poll(() => visibleCount(page)).toBe(ALL_NODES);
  });

  it('draws a range typed in the filter panel as the brush, and moves it with the keyboard and its handles', async () => {
    await open();
    await page.getByLabel('From year').fill('2010');
    await page.getByLabel('To year').fill('2015');
    await expect
      .poll(() => page.locator('[data-testid=timeline-range]').textContent())
      .toBe('Years 2010–2015');
    expect(await page.locator('[data-testid=timeline-brush]').count()).toBe(1);
    const narrowed = await visibleCount(page);
    expect(narrowed).toBeLessThan(ALL_NODES);

    const start = page.locator('[data-testid=timeline-handle-lo]');
    expect(await start.getAttribute('role')).toBe('slider');
    await start.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => yearInputs()).toEqual(['2011', '2015']);
    expect(await start.getAttribute('aria-valuenow')).toBe('2011');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => yearInputs()).toEqual(['2009', '2015']);
    expect(await visibleCount(page)).toBeGreaterThan(narrowed);

    // Dragging the end handle three bands to the left ends the range three years earlier.
    const end = (await page.locator('[data-testid=timeline-handle-hi]').boundingBox())!;
    const svg = (await page.locator('[data-testid=timeline-svg]').boundingBox())!;
    const band = (svg.width - PLOT_LEFT - PLOT_RIGHT) / 48;
    await page.mouse.move(end.x + end.width / 2, end.y + end.height / 2);
    await page.mouse.down();
    await page.mouse.move(end.x + end.width / 2 - 3 * band, end.y + end.height / 2, { steps: 6 });
    await page.mouse.up();
    await expect.poll(() => yearInputs()).toEqual(['2009', '2012']);

    await start.focus();
    await page.keyboard.press('Delete');
    await expect.poll(() => visibleCount(page)).toBe(ALL_NODES);
    expect(await yearInputs()).toEqual(['', '']);
  });

  it('stacks by community and collapses without covering the network or the footer', async () => {
    await open();
    const timeline = page.locator('[data-testid=timeline]');
    await timeline.getByRole('button', { name: 'Community', exact: true }).click();
    await expect
      .poll(() => timeline.locator('.timeline-legend').textContent())
      .toContain('Works by community');
    expect(await timeline.locator('.timeline-legend').textContent()).toContain('Other');
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOTS, 'timeline-community.png') });

    const top = async (): Promise<number> => (await timeline.boundingBox())!.y;
    const bottomOf = async (selector: string): Promise<number> => {
      const b = (await page.locator(selector).boundingBox())!;
      return b.y + b.height;
    };
    expect(await bottomOf('[data-testid=sigma-container]')).toBeLessThanOrEqual((await top()) + 1);
    expect(await bottomOf('.provenance')).toBeLessThanOrEqual(await top());
    const openHeight = (await page.locator('[data-testid=sigma-container]').boundingBox())!.height;

    await timeline.getByRole('button', { name: /Timeline/ }).click();
    await expect.poll(() => page.locator('[data-testid=timeline-svg]').count()).toBe(0);
    await expect
      .poll(async () => (await page.locator('[data-testid=sigma-container]').boundingBox())!.height)
      .toBeGreaterThan(openHeight + 100);
    expect(await bottomOf('.provenance')).toBeLessThanOrEqual(await top());
    // The network is drawn again at its new size (sigma clears the canvas when it resizes).
    await page.waitForTimeout(300);
    expect(inkRatio(await page.locator('[data-testid=sigma-container]').screenshot())).toBeGreaterThan(0.03);
    // The console drawer opens below the strip.
    await page.getByRole('button', { name: 'Cypher' }).click();
    await page.locator('.console').waitFor();
    expect((await page.locator('.console').boundingBox())!.y).toBeGreaterThanOrEqual(
      await bottomOf('[data-testid=timeline]'),
    );
  });
});
