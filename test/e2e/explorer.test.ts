/**
 * The explorer in a real browser: the built UI served by the real server over the real embedded
 * store, driven in headless Chromium. Screenshots of the main states go to
 * test/e2e/__screenshots__/ (ignored by git) for people to look at.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import type Sigma from 'sigma';
import { beforeAll, describe, expect, it } from 'vitest';
import { REVIEW_ID } from '../../src/model/ids';
import { requireChromium } from '../support/browser';
import { SHOTS, detailTitle, useExplorer, visibleCount } from '../support/explorer-page';
import { inkRatio } from '../support/pixels';

const hasBrowser = requireChromium();

describe.skipIf(!hasBrowser)('the explorer in Chromium', () => {
  const explorer = useExplorer();
  let page: Page;

  beforeAll(() => {
    page = explorer.page;
  });

  const open = (query = ''): Promise<void> => explorer.open(query);

  it('draws the network: the canvas is not blank and the legend counts every node', async () => {
    await open();
    expect(await visibleCount(page)).toBe(594);
    const canvas = await page.locator('[data-testid=sigma-container]').screenshot();
    expect(inkRatio(canvas)).toBeGreaterThan(0.03);
    await page.screenshot({ path: path.join(SHOTS, 'overview.png') });
  });

  it('finds the review by DOI and shows it in the panel', async () => {
    await open();
    await page.fill('input[type=search]', '10.1038/s41574-025-01088-x');
    await page.locator('.search-results li[role=option]').first().waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => detailTitle(page)).toBe('Bone and muscle crosstalk in ageing and disease');
    await expect.poll(() => page.url()).toContain(`node=${encodeURIComponent(REVIEW_ID)}`);
    await page.waitForTimeout(600);
    await page.screenshot({ path: path.join(SHOTS, 'review-selected.png') });
  });

  it('navigates search hits with the keyboard and says when nothing matches', async () => {
    await open();
    await page.fill('input[type=search]', 'irisin');
    await page.locator('.search-results li[role=option]').first().waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => detailTitle(page)).toBe('irisin');
    await page.fill('input[type=search]', 'zzqxj');
    await expect
      .poll(() => page.locator('.search-results .search-empty').textContent())
      .toContain('No matches');
    await page.keyboard.press('Escape');
    await page.screenshot({ path: path.join(SHOTS, 'concept-irisin.png') });
  });

  it('keeps the focus in the search box when a new search starts before the chosen hit has loaded', async () => {
    // Under load the details of a chosen hit can answer after the user has started the next
    // search; landing on the details heading then would close the new list under their typing.
    await open();
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/nodes/concept%3Airisin', async (route) => {
      await held;
      await route.continue();
    });
    try {
      await page.fill('input[type=search]', 'irisin');
      await page.locator('.search-results li[role=option]').first().waitFor();
      await page.keyboard.press('Enter');
      await page.fill('input[type=search]', 'zzqxj');
      await page.locator('.search-results .search-empty', { hasText: 'No matches' }).waitFor();
      release();
      await expect.poll(() => detailTitle(page), { timeout: 10_000 }).toBe('irisin');
      await page.waitForTimeout(300);
      const focused = await page.evaluate(() => {
        const doc = (globalThis as unknown as { document: { activeElement: { type?: string } | null } })
          .document;
        return doc.activeElement?.type ?? null;
      });
      expect(focused).toBe('search');
      expect(await page.locator('.search-results .search-empty').textContent()).toContain('No matches');
    } finally {
      release();
      await page.unroute('**/api/nodes/concept%3Airisin');
      await page.keyboard.press('Escape');
    }
  });

  it('lowers the visible count when a filter hides works', async () => {
    await open();
    const before = await visibleCount(page);
    await page.getByLabel('Works', { exact: false }).first().uncheck();
    await expect.poll(() => visibleCount(page)).toBeLessThan(before);
    // Concepts and the review stay.
    expect(await visibleCount(page)).toBe(135);
    await page.getByRole('button', { name: 'Reset filters' }).click();
    await expect.poll(() => visibleCount(page)).toBe(before);
  });

  it('moves the selection when a reference in the panel is clicked', async () => {
    await open(`?node=${encodeURIComponent(REVIEW_ID)}`);
    await expect.poll(() => detailTitle(page)).toBe('Bone and muscle crosstalk in ageing and disease');
    // The reference list, not the Related works section that names the same work.
    await page
      .getByRole('region', { name: 'References' })
      .getByRole('button', { name: 'Multimodal cell atlas of the ageing human skeletal muscle' })
      .click();
    await expect
      .poll(() => detailTitle(page))
      .toBe('Multimodal cell atlas of the ageing human skeletal muscle');
    expect(page.url()).toContain(encodeURIComponent('doi:10.1038/s41586-024-07348-6'));
    await expect.poll(() => page.locator('[data-testid=detail-panel]').textContent()).toContain('Cited by');
  });

  it('focuses the neighbourhood of a double-clicked node', async () => {
    await open();
    const point = await page.evaluate((id) => {
      const s = (globalThis as unknown as { __crosstalkSigma: Sigma }).__crosstalkSigma;
      const a = s.getGraph().getNodeAttributes(id) as { x: number; y: number };
      return s.graphToViewport({ x: a.x, y: a.y });
    }, 'concept:irisin');
    const box = (await page.locator('[data-testid=sigma-container]').boundingBox())!;
    await page.mouse.dblclick(box.x + point.x, box.y + point.y);
    await expect.poll(() => detailTitle(page)).toBe('irisin');
    await expect.poll(() => visibleCount(page)).toBeLessThan(100);
    expect(await visibleCount(page)).toBeGreaterThan(10);
    await page.waitForTimeout(700);
    await page.screenshot({ path: path.join(SHOTS, 'focus-irisin.png') });
    await page.getByRole('button', { name: 'Show all' }).click();
    await expect.poll(() => visibleCount(page)).toBe(594);
  });

  it('switches to the dark theme and community colours, kept in the URL', async () => {
    await open();
    await page.getByRole('button', { name: 'Dark' }).click();
    await page
      .getByRole('group', { name: 'Colour nodes by' })
      .getByRole('button', { name: 'Community' })
      .click();
    await expect.poll(() => page.url()).toContain('theme=dark');
    expect(page.url()).toContain('color=community');
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(SHOTS, 'dark-community.png') });
    await page.reload();
    await page.locator('[data-testid=sigma-container] canvas').first().waitFor();
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('dark');
  });

  it('runs an example query from the console with Ctrl+Enter: a table, and the nodes highlighted', async () => {
    await open();
    await page.getByRole('button', { name: 'Cypher' }).click();
    await page
      .getByRole('button', {
        name: 'Myokines that act on bone, and whether each counts as a muscle-to-bone signal',
      })
      .click();
    const editor = page.locator('[data-testid=cypher-editor] .cm-content');
    await editor.waitFor();
    await expect.poll(() => editor.textContent()).toContain('concept:myokine');
    await editor.click();
    await page.keyboard.press('Control+Enter');
    await page.locator('[data-testid=result-table] tbody tr').first().waitFor();
    expect(await page.locator('[data-testid=result-table] th').allTextContents()).toEqual([
      'factor',
      'target',
      'effect',
      'countedInMuscleToBone',
      'evidence',
      'year',
    ]);
    await expect
      .poll(() => page.locator('[data-testid=cypher-summary]').textContent())
      .toMatch(/\d+ rows · \d+ ms · embedded/);
    await expect.poll(() => page.locator('.highlight-note').textContent()).toMatch(/^\d+ nodes highlighted/);
    await page.waitForTimeout(600);
    await page.screenshot({ path: path.join(SHOTS, 'console-example.png') });
  });

  it('shows a clear refusal for a write query and keeps working', async () => {
    await open('?query=' + encodeURIComponent("CREATE (:Concept {id: 'concept:x'})"));
    const editor = page.locator('[data-testid=cypher-editor] .cm-content');
    await editor.waitFor();
    await editor.click();
    await page.keyboard.press('Control+Enter');
    await expect
      .poll(() => page.locator('.console-error').textContent())
      .toMatch(/read-only|refused|not allowed/i);
    await page.screenshot({ path: path.join(SHOTS, 'console-refused.png') });
    expect(await visibleCount(page)).toBe(594);
  });

  it('ignores an invalid link with a notice instead of crashing', async () => {
    await open('?color=rainbow&node=doi:10.9999/nothing');
    await expect
      .poll(() => page.locator('.notice').textContent())
      .toContain('Ignored an invalid colour mode');
    await expect
      .poll(() => page.locator('[data-testid=detail-panel]').textContent())
      .toContain('Nothing in the graph has the id');
  });
});
