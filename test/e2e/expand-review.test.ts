/**
 * The "Done when" of issue 14 in headless Chromium: the built UI, the real server and embedded store
 * over the bundled graph, fetch jobs asking the local OpenAlex/PubMed stand-in, which serves the
 * review with ~200 references and 100 citing works (test/support/synthetic-literature.ts:
 * generated test records in OpenAlex's format, not real papers; nothing of them is in graph/).
 *
 * 1. Open the review: the banner and the coverage say 5 known.
 * 2. Click fetch: the progress moves; then the network (old nodes where they were, the new works
 *    around the review; selection, filter and camera kept), the details ("203 references known
 *    here, of 203"), the timeline and the search include the new works; a fetched abstract shows
 *    in the details and feeds concept tagging.
 * 3. A second run, on one of the new works, cancelled mid-way with its Cancel button: the store and
 *    the dataset files are unchanged.
 * 4. A third run of the review sends no request to the stand-in.
 * Screenshots go to test/e2e/__screenshots__/ (expand-review-*.png).
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type Sigma from 'sigma';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUi } from '../../src/cli/build-ui';
import type { StatsPayload } from '../../src/model/api';
import { REVIEW_ID } from '../../src/model/ids';
import { launchBrowser, requireChromium } from '../support/browser';
import { SHOTS, detailTitle, visibleCount } from '../support/explorer-page';
import { startFetchServer, type FetchTestServer } from '../support/fetch-server';
import { type FixtureApi, startFixtureApi } from '../support/fixture-api';
import {
  CITING,
  SECOND_SEED_DOI,
  SYNTHETIC_REFERENCES,
  citingTitle,
  referenceId,
  referenceTitle,
  syntheticLiterature,
} from '../support/synthetic-literature';
import { tempDir } from '../support/temp';

const hasBrowser = requireChromium();
const REVIEW_TITLE = 'Bone and muscle crosstalk in ageing and disease';

describe.skipIf(!hasBrowser)('expanding the review to ~200 references in the explorer', () => {
  let api: FixtureApi;
  let server: FetchTestServer;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const uiDir = await tempDir('crosstalk-ui-');
    await buildUi(uiDir);
    api = await startFixtureApi({ synthetic: syntheticLiterature() });
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

  const panel = () => page.locator('[data-testid=detail-panel]');
  const coverage = (list: 'references' | 'cited-by') =>
    panel().locator(`[data-testid=coverage-${list}]`).textContent();
  const progress = () => page.locator('[data-testid=fetch-progress]');
  const fetchButton = () => page.getByRole('button', { name: 'Fetch references and citing works' }).first();
  const works = async (): Promise<number> => {
    const stats = (await (await fetch(`${server.base}api/stats`)).json()) as StatsPayload;
    return stats.counts.nodes.Work ?? 0;
  };
  const positions = () =>
    page.evaluate(() => {
      const s = (globalThis as unknown as { __crosstalkSigma: Sigma }).__crosstalkSigma;
      const out: Record<string, { x: number; y: number }> = {};
      s.getGraph().forEachNode((id, a) => {
        out[id] = { x: a.x as number, y: a.y as number };
      });
      return out;
    });
  const camera = () =>
    page.evaluate(() => {
      const s = (globalThis as unknown as { __crosstalkSigma: Sigma }).__crosstalkSigma;
      return s.getCamera().getState();
    });
  /** Sum of the timeline's bars ("1999: 3 works; …"). */
  const timelineWorks = async (): Promise<number> => {
    const titles = await page.locator('[data-testid=timeline-svg] .timeline-year > title').allTextContents();
    return titles.reduce((sum, t) => sum + Number(/^\d+: (\d+) works?/.exec(t)?.[1] ?? 0), 0);
  };
  /** Searches and picks the first hit once the list shows `expected` (the last search's list may linger). */
  const pick = async (text: string, expected: string) => {
    await page.fill('input[type=search]', text);
    await page
      .locator('.search-results li[role=option]', { hasText: expected.slice(0, 40) })
      .first()
      .click({ timeout: 15_000 });
    await expect.poll(() => detailTitle(page)).toBe(expected);
  };
  const datasetHash = async (): Promise<string> => {
    const h = createHash('sha256');
    for (const f of ['works.jsonl', 'citations.jsonl'])
      h.update(await readFile(path.join(server.userDir, f)));
    return h.digest('hex');
  };

  it('says 5 known, fetches with moving progress, and grows the open view in place', async () => {
    await page.goto(`${server.base}?node=${encodeURIComponent(REVIEW_ID)}`);
    await page.locator('[data-testid=sigma-container] canvas').first().waitFor();
    await expect.poll(() => visibleCount(page)).toBeGreaterThan(0);
    await expect.poll(() => detailTitle(page)).toBe(REVIEW_TITLE);
    await page.locator('[data-testid=timeline-svg]').waitFor();

    // 1. What is known, before anything is fetched.
    await expect
      .poll(() => page.locator('[data-testid=fetch-banner]').textContent())
      .toContain("This graph knows 5 of the review's references — fetch the full list from OpenAlex.");
    expect(await coverage('references')).toBe('5 references known here');
    expect(await coverage('cited-by')).toBe('cited by: none known here');
    await panel().screenshot({ path: path.join(SHOTS, 'expand-review-banner.png') });

    // The view as the researcher left it: a year filter, a camera moved, the review selected.
    await page.getByLabel('From year').fill('1900');
    await page.getByLabel('From year').press('Enter');
    await page.waitForTimeout(300);
    const visibleBefore = await visibleCount(page);
    const worksBefore = await works();
    const timelineBefore = await timelineWorks();
    const before = await positions();
    await page.evaluate(() => {
      const s = (globalThis as unknown as { __crosstalkSigma: Sigma }).__crosstalkSigma;
      s.getCamera().setState({ x: 0.42, y: 0.58, ratio: 0.8 });
    });
    await page.waitForTimeout(600); // the camera is kept in the store (and the URL) after a pause
    const cameraBefore = await camera();

    // 2. Fetch: the progress moves (each answer is slowed so that it can be seen).
    api.inject({ kind: 'slow', ms: 600 }, () => true, 100);
    await fetchButton().click();
    const seen = new Set<string>();
    const bar = progress().locator('progress');
    await expect
      .poll(async () => Number((await bar.getAttribute('value').catch(() => null)) ?? 0) > 0, {
        timeout: 60_000,
        interval: 100,
      })
      .toBe(true);
    seen.add((await bar.getAttribute('value')) ?? '');
    await progress().screenshot({ path: path.join(SHOTS, 'expand-review-progress.png') });
    await expect
      .poll(
        async () => {
          const state = await progress().getAttribute('data-state');
          const value = await bar.getAttribute('value').catch(() => null);
          if (state === 'fetching' && value !== null) seen.add(value);
          return state;
        },
        { timeout: 60_000, interval: 100 },
      )
      .toBe('done');
    expect(seen.size, `progress values seen: ${[...seen].join(', ')}`).toBeGreaterThanOrEqual(2);
    expect(api.requests.length).toBeGreaterThan(3);
    api.reset();

    // The details: 203 of 203, and the citing works of OpenAlex's count.
    await expect
      .poll(() => coverage('references'), { timeout: 30_000 })
      .toBe('203 references known here, of 203 listed by OpenAlex');
    expect(await coverage('cited-by')).toBe(
      `cited by ${CITING} known here, of ${CITING} counted by OpenAlex`,
    );
    expect(await detailTitle(page)).toBe(REVIEW_TITLE);
    expect(await page.locator('[data-testid=fetch-result]').textContent()).toMatch(
      new RegExp(`^Added ${SYNTHETIC_REFERENCES + CITING} works`),
    );
    expect(await works()).toBe(worksBefore + SYNTHETIC_REFERENCES + CITING);
    await progress().screenshot({ path: path.join(SHOTS, 'expand-review-done.png') });

    // The network: the new works are in it, the old nodes where they were, the new ones around the
    // review, and the filter and the camera as they were.
    await expect.poll(() => visibleCount(page), { timeout: 30_000 }).toBeGreaterThan(visibleBefore);
    const after = await positions();
    const newIds = Object.keys(after).filter((id) => !(id in before));
    expect(newIds.length).toBeGreaterThanOrEqual(SYNTHETIC_REFERENCES + CITING);
    expect(newIds).toContain(`openalex:${referenceId(42)}`);
    for (const [id, p] of Object.entries(before)) expect(after[id], id).toEqual(p);
    const xs = Object.values(before).map((p) => p.x);
    const ys = Object.values(before).map((p) => p.y);
    const extent = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
    const review = after[REVIEW_ID]!;
    const distance = (p: { x: number; y: number }, q = review) => Math.hypot(p.x - q.x, p.y - q.y);
    const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
    // References that cite nothing and mention no concept have the review as their one old neighbour.
    const plain = Array.from({ length: SYNTHETIC_REFERENCES }, (_, k) => k + 1)
      .filter((i) => i % 10 !== 0)
      .map((i) => distance(after[`openalex:${referenceId(i)}`]!));
    expect(Math.max(...plain)).toBeLessThan(0.25 * extent);
    const oldDistances = Object.entries(before)
      .filter(([id]) => id !== REVIEW_ID)
      .map(([, p]) => distance(p));
    expect(median(plain)).toBeLessThan(median(oldDistances) / 2);
    // Every new node: near the centroid of its neighbours that were on screen before, if it has any.
    const neighbours = await page.evaluate((ids) => {
      const s = (globalThis as unknown as { __crosstalkSigma: Sigma }).__crosstalkSigma;
      return ids.map((id) => s.getGraph().neighbors(id));
    }, newIds);
    newIds.forEach((id, i) => {
      const old = neighbours[i]!.filter((n) => n in before);
      if (old.length === 0) return;
      const c = {
        x: old.reduce((t, n) => t + before[n]!.x, 0) / old.length,
        y: old.reduce((t, n) => t + before[n]!.y, 0) / old.length,
      };
      expect(distance(after[id]!, c), id).toBeLessThan(0.25 * extent);
    });
    expect(await page.getByLabel('From year').inputValue()).toBe('1900');
    const cameraAfter = await camera();
    for (const k of ['x', 'y', 'ratio'] as const) expect(cameraAfter[k]).toBeCloseTo(cameraBefore[k], 3);
    await page.screenshot({ path: path.join(SHOTS, 'expand-review-network.png') });

    // The timeline counts them, and the search finds them.
    await expect.poll(() => timelineWorks()).toBe(timelineBefore + SYNTHETIC_REFERENCES + CITING);
    await pick('Synthetic test record R-042', referenceTitle(42));

    // A work whose fetched abstract names concepts: shown in the details, and tagged.
    // (Opened by its link: every synthetic title shares all words but its number, so a search for
    // one of them need not rank it in the first hits.)
    await page.goto(`${server.base}?node=${encodeURIComponent(`openalex:${referenceId(40)}`)}`);
    await expect.poll(() => detailTitle(page), { timeout: 30_000 }).toBe(referenceTitle(40));
    await expect
      .poll(() => panel().textContent())
      .toContain('Synthetic test text, not a published abstract: reference 40 mentions irisin');
    // Tagged from the abstract alone (the title names no concept), and its source listed.
    expect(await panel().textContent()).toMatch(/Concepts\s*\d+[\s\S]*irisin/);
    expect(await panel().textContent()).toContain(`/openalex/works/${referenceId(40)}`);
    // The abstract names the API answer it was read from.
    const abstractSource = panel().locator('.abstract-source');
    expect(await abstractSource.textContent()).toBe('From OpenAlex');
    expect(await abstractSource.locator('a').getAttribute('href')).toContain(
      `/openalex/works/${referenceId(40)}`,
    );
    expect(pageErrors).toEqual([]);
  }, 240_000);

  it('a second run, cancelled mid-way, leaves the store and the dataset unchanged', async () => {
    await pick('Synthetic test record C-001', citingTitle(1));
    const worksBefore = await works();
    const hashBefore = await datasetHash();
    const referencesBefore = await coverage('references');

    api.inject({ kind: 'slow', ms: 1500 }, () => true, 100);
    await fetchButton().click();
    await expect
      .poll(() => progress().locator('progress').getAttribute('value'), { timeout: 30_000 })
      .not.toBe('0');
    expect(await progress().getAttribute('data-state')).toBe('fetching');
    await progress().getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => progress().getAttribute('data-state'), { timeout: 30_000 }).toBe('cancelled');
    expect(await progress().textContent()).toContain('Cancelled; the graph is unchanged.');
    // The requests still in flight finish, then nothing more is asked.
    await expect.poll(() => api.requests.every((r) => r.status !== 0), { timeout: 30_000 }).toBe(true);
    const asked = api.requests.map((r) => r.url);
    expect(
      asked.some((u) => u.includes(encodeURIComponent(SECOND_SEED_DOI)) || u.includes(SECOND_SEED_DOI)),
    ).toBe(true);

    expect(await works()).toBe(worksBefore);
    expect(await datasetHash()).toBe(hashBefore);
    expect(await coverage('references')).toBe(referencesBefore);
    api.reset();
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('a third run of the review sends no request', async () => {
    await pick('10.1038/s41574-025-01088-x', REVIEW_TITLE);
    const worksBefore = await works();
    await fetchButton().click();
    await expect
      .poll(() => page.locator('[data-testid=fetch-result]').textContent(), { timeout: 60_000 })
      .toMatch(/; 0 requests sent, [1-9]\d* answered from the cache/);
    expect(api.requests).toEqual([]);
    expect(await works()).toBe(worksBefore);
    expect(await coverage('references')).toBe('203 references known here, of 203 listed by OpenAlex');
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
