/**
 * Defects of issue 17 that only a browser shows: the keyboard path through search and details,
 * and console errors in plain words with their mark in the editor. The built UI, the real server
 * over the bundled graph, headless Chromium.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireChromium } from '../support/browser';
import { SHOTS, useExplorer } from '../support/explorer-page';

const hasBrowser = requireChromium();

/** The element that has keyboard focus (Playwright's :focus; the test runs in Node, not the page). */
const focused = (page: Page) => page.locator(':focus');

describe.skipIf(!hasBrowser)('issue 17 defects in Chromium', () => {
  const explorer = useExplorer();
  let page: Page;

  beforeAll(() => {
    page = explorer.page;
  });

  it('"/" selects the last search, and a picked hit puts focus on the details heading', async () => {
    await explorer.open();
    const search = page.getByRole('combobox', { name: 'Search the graph' });
    await page.keyboard.press('/');
    await page.keyboard.type('irisin');
    await page.locator('.search-results [role=option]').first().waitFor();
    await page.keyboard.press('Enter');
    const heading = page.locator('[data-testid=detail-panel] .detail-title');
    await heading.waitFor();
    await expect.poll(() => focused(page).getAttribute('class')).toBe('detail-title');

    // Back to the search with "/": the old text is selected, so typing replaces it.
    await page.keyboard.press('/');
    await page.keyboard.type('sclerostin');
    expect(await search.inputValue()).toBe('sclerostin');
  });

  it('Enter typed before the answer acts on the new query, not on the hits of the last one', async () => {
    await explorer.open();
    const search = page.getByRole('combobox', { name: 'Search the graph' });
    await search.click();
    await page.keyboard.type('irisin');
    const first = page.locator('.search-results [role=option]').first();
    await first.waitFor();
    expect(await first.textContent()).toMatch(/irisin/i);
    // fill() and Enter land well inside the 140 ms debounce: the irisin hits are still on show.
    await search.fill('sclerostin');
    await page.keyboard.press('Enter');
    const heading = page.locator('[data-testid=detail-panel] .detail-title');
    await expect
      .poll(async () => (await heading.count()) > 0 && (await heading.textContent()))
      .toMatch(/sclerostin/i);
    expect(await heading.textContent()).not.toMatch(/irisin/i);
  });

  it('offers "Skip to details" as the first Tab stop', async () => {
    await explorer.open();
    await page.keyboard.press('Tab');
    const first = await focused(page).textContent();
    expect(first).toBe('Skip to details');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('[data-testid=detail-panel]:focus, [data-testid=detail-panel] :focus').count())
      .toBe(1);
  });

  it('says what went wrong in plain words and marks the place in the editor', async () => {
    await explorer.open('?query=' + encodeURIComponent('RETRUN 1'));
    // The sentence names the engine, which the app learns from /api/stats: wait for the footer
    // that shows it. (The mark no longer depends on it: see the next test.)
    await page.locator('footer.provenance').waitFor();
    const editor = page.locator('[data-testid=cypher-editor] .cm-content');
    await editor.waitFor();
    await editor.click();
    await page.keyboard.press('Control+Enter');
    const error = page.getByTestId('console-error');
    await error.waitFor();
    const sentence = await error.locator('p').textContent();
    expect(sentence).toBe(
      "Kuzu could not read the query near 'RETRUN' (line 1, column 1). Did you mean RETURN?",
    );
    expect(await error.locator('.engine-text').textContent()).toContain('Parser exception');
    await page.locator('.cm-lintRange-error').waitFor();
    expect(await page.locator('.cm-lintRange-error').textContent()).toBe('RETRUN');

    // A write: the read-only sentence, not a "connection exception".
    await page.keyboard.press('Control+A');
    await page.keyboard.type("CREATE (n:Work {id: 'x'})");
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => error.locator('p').textContent()).toMatch(/^This console is read-only/);
  });

  it('keeps the mark when the editor and /api/stats arrive after the error, and drops it once the query changes', async () => {
    // As under CI's load: the editor's code and the schema (GET /api/stats) come after the query's
    // error. The editor's own linter first runs 750 ms after the editor is made; it used to wipe
    // the mark then.
    let releaseStats = (): void => {};
    const statsHeld = new Promise<void>((resolve) => {
      releaseStats = resolve;
    });
    let releaseEditor = (): void => {};
    const editorHeld = new Promise<void>((resolve) => {
      releaseEditor = resolve;
    });
    let statsAsked = 0;
    await page.route('**/api/stats', async (route) => {
      statsAsked++;
      await statsHeld;
      await route.continue();
    });
    await page.route('**/assets/CypherEditorPane-*.js', async (route) => {
      await editorHeld;
      await route.continue();
    });
    try {
      await explorer.open('?query=' + encodeURIComponent('RETRUN 1'));
      expect(await page.getByTestId('cypher-editor').count()).toBe(0);
      await page.getByRole('button', { name: /^Run/ }).click();
      const error = page.getByTestId('console-error');
      await error.waitFor();
      releaseEditor();
      const mark = page.locator('.cm-lintRange-error');
      await mark.waitFor();
      expect(statsAsked).toBe(1);
      const answered = page.waitForResponse('**/api/stats');
      releaseStats();
      expect((await answered).ok()).toBe(true);
      // Well past the linter's first run and the editor taking the new schema.
      await page.waitForTimeout(2000);
      expect(await mark.count()).toBe(1);
      expect(await mark.textContent()).toBe('RETRUN');
      const sentence = await error.locator('p').textContent();
      expect(sentence).toMatch(/could not read the query near 'RETRUN' \(line 1, column 1\)/);
      await mark.hover();
      const tooltip = page.locator('.cm-tooltip-lint');
      await tooltip.waitFor();
      expect(await tooltip.textContent()).toBe(sentence);
      // Readable, not cut off by the editor's scrolling box: whole lines high, and the page's hit
      // test at its middle finds the tooltip (Playwright's actionability checks, nothing clicked).
      expect((await tooltip.boundingBox())?.height).toBeGreaterThan(15);
      await tooltip.click({ trial: true, timeout: 5000 });
      await page.screenshot({ path: path.join(SHOTS, 'console-error-mark.png') });

      // An edit makes the engine's position stale: the mark goes (the sentence stays).
      const editor = page.locator('[data-testid=cypher-editor] .cm-content');
      await editor.click();
      await page.keyboard.press('End');
      await page.keyboard.type(' ');
      await expect.poll(() => mark.count()).toBe(0);
      await page.waitForTimeout(1000);
      expect(await mark.count()).toBe(0);

      // A failed run marks again; a successful one leaves no mark.
      await page.keyboard.press('Control+Enter');
      await mark.waitFor();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('RETURN 1 AS one');
      await expect.poll(() => mark.count()).toBe(0);
      await page.keyboard.press('Control+Enter');
      await page.getByTestId('result-table').waitFor();
      expect(await error.count()).toBe(0);
      await page.waitForTimeout(1000);
      expect(await mark.count()).toBe(0);
    } finally {
      releaseStats();
      releaseEditor();
      await page.unroute('**/api/stats');
      await page.unroute('**/assets/CypherEditorPane-*.js');
    }
  });
});
