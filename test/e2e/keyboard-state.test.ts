/**
 * Issue 17 items 6–8 in a real browser: the dark theme's selected label is readable (pixels of
 * sigma's hover layer), a copied link keeps the neighbourhood focus and the timeline's stacking,
 * Back and Forward walk through the visited nodes, and the network can be used by keyboard. The
 * built UI, the real server over the bundled graph, headless Chromium.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import type Sigma from 'sigma';
import { beforeAll, describe, expect, it } from 'vitest';
import { REVIEW_ID } from '../../src/model/ids';
import { requireChromium } from '../support/browser';
import { SHOTS, detailTitle, useExplorer, visibleCount } from '../support/explorer-page';

const hasBrowser = requireChromium();

/** WCAG 2 relative luminance of an sRGB colour (0–255 channels). */
function luminance([r, g, b]: readonly number[]): number {
  const lin = (c: number): number => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
}

/** WCAG 2 contrast ratio of two colours (1–21). */
function contrast(a: readonly number[], b: readonly number[]): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/**
 * The label box of a highlighted node as sigma drew it on its 2D hover layer: the box's colour
 * (the most common opaque colour right of the node) and the opaque pixel that stands out most from
 * it (the text's core; anti-aliased edges only lower the contrast).
 */
async function labelColours(page: Page, id: string): Promise<{ box: number[]; text: number[] }> {
  return page.evaluate((node) => {
    const s = (globalThis as unknown as { __crosstalkSigma: Sigma }).__crosstalkSigma;
    // The Node project has no DOM types: the little of a canvas this reads.
    const canvas = s.getCanvases().hovers as unknown as {
      width: number;
      clientWidth: number;
      getContext(kind: '2d'): {
        getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
      };
    };
    const ratio = canvas.width / canvas.clientWidth;
    const d = s.getNodeDisplayData(node)!;
    const p = s.framedGraphToViewport(d);
    const x0 = Math.round(p.x * ratio);
    const y0 = Math.round((p.y - 9) * ratio);
    const w = Math.min(Math.round(220 * ratio), canvas.width - x0);
    const h = Math.round(14 * ratio);
    const data = canvas.getContext('2d').getImageData(x0, y0, w, h).data;
    const counts = new Map<string, number>();
    const opaque: number[][] = [];
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] !== 255) continue;
      const c = [data[i]!, data[i + 1]!, data[i + 2]!];
      opaque.push(c);
      counts.set(c.join(','), (counts.get(c.join(',')) ?? 0) + 1);
    }
    const box = [...counts.entries()]
      .sort((a, b) => b[1] - a[1])[0]![0]
      .split(',')
      .map(Number);
    const dist = (c: number[]): number =>
      Math.abs(c[0]! - box[0]!) + Math.abs(c[1]! - box[1]!) + Math.abs(c[2]! - box[2]!);
    const text = opaque.reduce((best, c) => (dist(c) > dist(best) ? c : best), box);
    return { box, text };
  }, id);
}

describe.skipIf(!hasBrowser)('issue 17: dark label, shareable state, history and keyboard', () => {
  const explorer = useExplorer();
  let page: Page;

  beforeAll(() => {
    page = explorer.page;
  });

  it('draws the selected node’s label readably in the dark theme (contrast ≥ 4.5:1)', async () => {
    for (const theme of ['dark', 'light'] as const) {
      await explorer.open(`?node=${encodeURIComponent(REVIEW_ID)}&theme=${theme}`);
      await expect.poll(() => detailTitle(page)).toBe('Bone and muscle crosstalk in ageing and disease');
      await page.waitForTimeout(800); // the camera moves to the selection
      if (theme === 'dark') await page.screenshot({ path: path.join(SHOTS, 'dark-selected-label.png') });
      const { box, text } = await labelColours(page, REVIEW_ID);
      // The box follows the theme (dark box in the dark theme) and the text stands out from it.
      expect(luminance(box) < 0.2, `box ${box.join(',')} in the ${theme} theme`).toBe(theme === 'dark');
      expect(contrast(box, text), `text ${text.join(',')} on box ${box.join(',')}`).toBeGreaterThanOrEqual(
        4.5,
      );
    }
  });

  it('keeps the neighbourhood focus and the timeline’s stacking in a copied link', async () => {
    await explorer.open(`?node=${encodeURIComponent('concept:sclerostin')}`);
    await expect.poll(() => detailTitle(page)).toBe('sclerostin');
    await page.getByTestId('detail-panel').getByRole('button', { name: '2 hops' }).click();
    await expect.poll(() => page.url()).toContain('focus=concept%3Asclerostin');
    await expect.poll(() => visibleCount(page)).toBeLessThan(594);
    const focused = await visibleCount(page);
    await page
      .getByRole('group', { name: 'Stack the bars by' })
      .getByRole('button', { name: 'Community' })
      .click();
    await expect.poll(() => page.url()).toContain('stack=community');
    const link = page.url();
    expect(link).toContain('hops=2');

    const other = await explorer.context.newPage();
    explorer.watch(other);
    try {
      await other.goto(link);
      await other.locator('[data-testid=sigma-container] canvas').first().waitFor();
      await expect.poll(() => detailTitle(other)).toBe('sclerostin');
      await expect.poll(() => visibleCount(other)).toBe(focused);
      expect(
        await other
          .getByRole('group', { name: 'Stack the bars by' })
          .getByRole('button', { name: 'Community' })
          .getAttribute('aria-pressed'),
      ).toBe('true');
    } finally {
      await other.close();
    }
  });

  it('walks back and forward through the visited nodes without leaving the app', async () => {
    await explorer.open();
    const start = page.url();
    const pick = async (text: string, title: string): Promise<void> => {
      await page.fill('input[type=search]', text);
      // Wait for this search's hits (the last search's list may still be shown).
      // Clicked, not Enter: under load the key could reach the list before it settled on this
      // search's hits (seen once in CI); what this test checks is the history, not the keyboard.
      const hit = page.locator('.search-results li[role=option]').first().filter({ hasText: title });
      await hit.waitFor();
      await hit.click();
      await expect.poll(() => detailTitle(page)).toBe(title);
    };
    await pick('irisin', 'irisin');
    // The second node is reached inside the app, from irisin's details ("is a myokine"): a second
    // search timed out in CI under load, and what this test checks is the history.
    await page
      .locator('[data-testid=detail-panel] .concept-chip')
      .filter({ hasText: /^\s*myokine\s*$/ })
      .first()
      .click();
    await expect.poll(() => detailTitle(page)).toBe('myokine');

    await page.goBack();
    await expect.poll(() => detailTitle(page)).toBe('irisin');
    expect(page.url()).toContain('node=concept%3Airisin');
    await page.goBack();
    await expect.poll(() => page.locator('[data-testid=detail-panel] .detail-title').count()).toBe(0);
    expect(page.url().split('?')[0]).toBe(start.split('?')[0]);
    await page.goForward();
    await expect.poll(() => detailTitle(page)).toBe('irisin');
    await page.goForward();
    await expect.poll(() => detailTitle(page)).toBe('myokine');
    // Restoring an entry added none: Back still leads to irisin.
    await page.goBack();
    await expect.poll(() => detailTitle(page)).toBe('irisin');
  });

  it('reaches the network by Tab, moves between nodes with the arrow keys and opens one with Enter', async () => {
    await explorer.open();
    let tabs = 0;
    while (tabs < 80 && (await page.locator('[data-testid=sigma-container]:focus').count()) === 0) {
      await page.keyboard.press('Tab');
      tabs += 1;
    }
    expect(tabs, 'Tab presses until the network has focus').toBeLessThan(80);
    const announcer = page.getByTestId('network-announcer');
    await expect.poll(() => announcer.textContent()).toMatch(/^Network\. Arrow keys/);

    // The first arrow goes to the review (the most important node); the next ones move on.
    await page.keyboard.press('ArrowRight');
    await expect
      .poll(() => announcer.textContent())
      .toMatch(/^Bone and muscle crosstalk in ageing and disease\. The review, 2025/);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => announcer.textContent()).not.toMatch(/^Bone and muscle crosstalk/);
    const said = (await announcer.textContent()) ?? '';
    const name = said.slice(0, said.search(/\. (Concept|Work|The review)\b/));
    expect(name.length).toBeGreaterThan(0);
    // The cursor is drawn as the hovered node.
    const hovered = await page.evaluate(() => {
      const s = (globalThis as unknown as { __crosstalkSigma: Sigma }).__crosstalkSigma;
      return s
        .getGraph()
        .filterNodes((_id, a) => s.getNodeDisplayData(_id)?.highlighted === true && a !== null);
    });
    expect(hovered).toHaveLength(1);
    await page.screenshot({ path: path.join(SHOTS, 'keyboard-cursor.png') });

    await page.keyboard.press('Enter');
    await expect.poll(() => detailTitle(page)).toBe(name);
    await expect
      .poll(() => announcer.textContent())
      .toBe(`Opened ${name}: its details are in the panel on the right.`);
  });
});
