/**
 * Growing the graph from the explorer, in headless Chromium: the built UI, the real server and the
 * embedded store over the bundled graph, fetch jobs asking the local OpenAlex/PubMed stand-in
 * (test/support/fixture-api.ts; its review lists 8 references). Open the review → the banner and the
 * coverage say 5 known → click fetch → progress shows → the panel shows more references, of
 * OpenAlex's 8 → the data card names the user dataset and the expansion → a second run sends no
 * request. Screenshots go to test/e2e/__screenshots__/.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUi } from '../../src/cli/build-ui';
import { REVIEW_ID } from '../../src/model/ids';
import { launchBrowser, requireChromium } from '../support/browser';
import { SHOTS, detailTitle, visibleCount } from '../support/explorer-page';
import { startFetchServer, type FetchTestServer } from '../support/fetch-server';
import { type FixtureApi, startFixtureApi } from '../support/fixture-api';
import { tempDir } from '../support/temp';

const hasBrowser = requireChromium();

describe.skipIf(!hasBrowser)('expanding the review from the explorer', () => {
  let api: FixtureApi;
  let server: FetchTestServer;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const uiDir = await tempDir('crosstalk-ui-');
    await buildUi(uiDir);
    api = await startFixtureApi();
    server = await startFetchServer(api, { uiDir });
    context = await launchBrowser();
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await mkdir(SHOTS, { recursive: true });
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    await api?.close();
  });

  const coverage = (list: 'references' | 'cited-by') =>
    page.locator(`[data-testid=detail-panel] [data-testid=coverage-${list}]`).textContent();

  it('says how little is known, fetches with live progress, and shows the grown graph', async () => {
    await page.goto(`${server.base}?node=${encodeURIComponent(REVIEW_ID)}`);
    await page.locator('[data-testid=sigma-container] canvas').first().waitFor();
    await expect.poll(() => visibleCount(page)).toBeGreaterThan(0);
    await expect.poll(() => detailTitle(page)).toBe('Bone and muscle crosstalk in ageing and disease');
    const nodesBefore = await visibleCount(page);

    // What is known, said before anything is fetched.
    const banner = page.locator('[data-testid=fetch-banner]');
    await expect
      .poll(() => banner.textContent())
      .toContain("This graph knows 5 of the review's references — fetch the full list from OpenAlex.");
    expect(await coverage('references')).toBe('5 references known here');
    expect(await coverage('cited-by')).toBe('cited by: none known here');
    await page
      .locator('[data-testid=detail-panel]')
      .screenshot({ path: path.join(SHOTS, 'expand-banner.png') });

    // Every answer of the stand-in is slowed a little, so the progress can be seen.
    api.inject({ kind: 'slow', ms: 400 }, () => true, 100);
    const button = page.getByRole('button', { name: 'Fetch references and citing works' }).first();
    await button.click();
    const progress = page.locator('[data-testid=fetch-progress]');
    await expect.poll(() => progress.getAttribute('data-state'), { timeout: 30_000 }).toBe('fetching');
    await expect
      .poll(() => progress.locator('progress').getAttribute('value'), { timeout: 30_000 })
      .not.toBe('0');
    await progress.screenshot({ path: path.join(SHOTS, 'expand-progress.png') });
    await expect.poll(() => progress.getAttribute('data-state'), { timeout: 60_000 }).toBe('done');
    api.reset();

    // The view reloaded: the review is still selected and knows more, of OpenAlex's 8.
    await expect
      .poll(() => coverage('references'), { timeout: 30_000 })
      .toMatch(/^[6-8] references known here, of 8 listed by OpenAlex$/);
    expect(await coverage('cited-by')).toMatch(/^cited by [1-9]\d* known here, of 3 counted by OpenAlex$/);
    expect(await detailTitle(page)).toBe('Bone and muscle crosstalk in ageing and disease');
    expect(await visibleCount(page)).toBeGreaterThanOrEqual(nodesBefore);
    expect(await page.locator('[data-testid=fetch-result]').textContent()).toMatch(/^Added /);

    // The data card names the user dataset and the expansion.
    await page.getByRole('button', { name: 'Data', exact: true }).click();
    const card = page.locator('.data-card');
    await expect
      .poll(() => card.locator('[data-testid=data-expanded]').textContent())
      .toMatch(/^Last expanded /);
    expect(await card.locator('[data-testid=data-folder]').textContent()).toContain('your dataset');
    await card.screenshot({ path: path.join(SHOTS, 'expand-data-card.png') });
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('a second run sends no request', async () => {
    const seen = api.requests.length;
    await page.getByRole('button', { name: 'Fetch references and citing works' }).first().click();
    // The first job's result makes way for this one's.
    await expect
      .poll(() => page.locator('[data-testid=fetch-result]').textContent(), { timeout: 60_000 })
      .toMatch(/; 0 requests sent, [1-9]\d* answered from the cache/);
    expect(api.requests.length).toBe(seen);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
