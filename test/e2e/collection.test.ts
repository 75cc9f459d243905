/**
 * The collection in a real browser: works gathered from their details and from a Cypher result,
 * asked about together (related, prior, reviews: the same rows and evidence as POST /api/related),
 * drawn as one literature map, kept in the link, and emptied; and the review finder over the
 * whole graph from the empty details panel. The built UI, the real server and the
 * embedded store over the bundled graph. Screenshots go to test/e2e/__screenshots__/.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RelatedPayload } from '../../src/model/api';
import { requireChromium } from '../support/browser';
import { SHOTS, detailTitle, useExplorer } from '../support/explorer-page';
import { tempDir } from '../support/temp';

const hasBrowser = requireChromium();

/** LeBrasseur 2012 and Bikle 2015: two works of the bundled graph with references of their own. */
const LEBRASSEUR = 'doi:10.1002/jbmr.1666';
const BIKLE = 'doi:10.1016/j.bone.2015.04.036';

describe.skipIf(!hasBrowser)('the collection in Chromium', () => {
  const explorer = useExplorer();
  let page: Page;

  beforeAll(() => {
    page = explorer.page;
  });

  const card = () => page.locator('[data-testid=collection]');
  const items = () => card().locator('[data-testid=collection-item]');
  const rows = () => card().locator('[data-testid=related-row]');
  const picks = (): string[] => new URL(page.url()).searchParams.getAll('pick');

  const related = async (ids: string[], kind: string): Promise<RelatedPayload> => {
    const res = await fetch(`${explorer.base}api/related`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ids, kind, limit: 25 }),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as RelatedPayload;
  };

  it('gathers two works, ranks what relates to both with its evidence, maps them, and keeps them in the link', async () => {
    await explorer.open(`?node=${encodeURIComponent(LEBRASSEUR)}`);
    await expect.poll(() => detailTitle(page)).toMatch(/^Skeletal Muscle Mass is Associated/);
    expect(await card().count()).toBe(0);
    await page.locator('[data-testid=collect-button]').click();
    await expect.poll(() => items().count()).toBe(1);
    expect(await page.locator('[data-testid=collect-button]').textContent()).toBe('In the collection ✓');
    await expect.poll(picks).toEqual([LEBRASSEUR]);

    // A second work, opened from the search: the collection stays.
    await explorer.open(`?node=${encodeURIComponent(BIKLE)}&pick=${encodeURIComponent(LEBRASSEUR)}`);
    await expect.poll(() => detailTitle(page)).toBe('Role of IGF-I signaling in muscle bone interactions');
    await expect.poll(() => items().count()).toBe(1);
    await page.locator('[data-testid=collect-button]').click();
    await expect.poll(() => items().count()).toBe(2);
    await expect.poll(picks).toEqual([LEBRASSEUR, BIKLE]);

    // Back after opening a reference walks the visited nodes and keeps the collection whole.
    await page.locator('[aria-label=References] .link-button').first().click();
    await expect
      .poll(() => detailTitle(page))
      .not.toBe('Role of IGF-I signaling in muscle bone interactions');
    await page.goBack();
    await expect.poll(() => detailTitle(page)).toBe('Role of IGF-I signaling in muscle bone interactions');
    expect(await items().count()).toBe(2);

    // Related to both (once asked): the rows and evidence of POST /api/related, in order.
    expect(await rows().count()).toBe(0);
    await card().getByRole('tab', { name: 'Related' }).click();
    const want = await related([LEBRASSEUR, BIKLE], 'related');
    expect(want.rows.length).toBeGreaterThan(5);
    await expect.poll(() => rows().count()).toBe(want.rows.length);
    const first = rows().first();
    expect(await first.locator('.related-head .link-button').getAttribute('title')).toBe(
      want.works[want.rows[0]!.id]?.title ?? want.rows[0]!.id,
    );
    const shown = await first.locator('[data-testid=related-evidence]').allTextContents();
    expect(shown.map((t) => t.split(' (')[0]!.split(' · ')[0])).toEqual(
      want.rows[0]!.evidence.map((e) => e.text),
    );
    // Each of the two is a seed: neither is ranked as related to the collection.
    const titles = await rows().locator('.related-head .link-button').allTextContents();
    expect(titles.some((t) => /^Skeletal Muscle Mass is Associated|^Role of IGF-I signaling/.test(t))).toBe(
      false,
    );
    await card().screenshot({ path: path.join(SHOTS, 'collection.png') });

    // The collection exports as BibTeX: both works, by their DOIs.
    const downloads = await tempDir('crosstalk-collection-');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      card().getByRole('button', { name: 'BibTeX' }).first().click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^crosstalk-collection-\d{4}-\d{2}-\d{2}\.bib$/);
    const file = path.join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    const bib = await readFile(file, 'utf8');
    expect(bib.match(/^@\w+\{/gm)).toHaveLength(2);
    expect(bib.toLowerCase()).toContain('10.1002/jbmr.1666');
    expect(bib.toLowerCase()).toContain('10.1016/j.bone.2015.04.036');

    // Prior works of both: the API's first row, its evidence naming works of the collection's neighbourhood.
    await card().getByRole('tab', { name: 'Prior' }).click();
    const prior = await related([LEBRASSEUR, BIKLE], 'prior');
    await expect
      .poll(() => rows().first().locator('.related-head .link-button').getAttribute('title'))
      .toBe(prior.works[prior.rows[0]!.id]?.title ?? prior.rows[0]!.id);
    expect(await rows().count()).toBe(prior.rows.length);

    // The map around both: the two are its seeds, it is laid out.
    await card().getByRole('button', { name: 'Map around these 2' }).click();
    const map = page.locator('[data-testid=litmap]');
    await map.locator('[data-testid=litmap-canvas] canvas').first().waitFor();
    await expect.poll(() => map.getAttribute('data-layout'), { timeout: 30_000 }).toBe('force');
    expect(await map.locator('[data-testid=litmap-around]').textContent()).toBe(
      'Around LeBrasseur 2012, Bikle 2015',
    );
    expect(new URL(page.url()).searchParams.getAll('map')).toEqual([LEBRASSEUR, BIKLE]);
    expect(picks()).toEqual([LEBRASSEUR, BIKLE]);

    // The link holds the collection: a fresh page opened with it shows the same two works.
    const link = page.url();
    const other = await explorer.context.newPage();
    explorer.watch(other);
    try {
      await other.goto(link);
      await expect
        .poll(() => other.locator('[data-testid=collection] [data-testid=collection-item]').count())
        .toBe(2);
    } finally {
      await other.close();
    }

    // "+" on a row of the selected work's Related list adds that work; the row then says it is in.
    const section = page.locator('[data-testid=related-section]');
    const toggle = section.locator('[data-testid=related-collect][aria-pressed=false]').first();
    await toggle.scrollIntoViewIfNeeded();
    const label = (await toggle.getAttribute('aria-label'))!;
    expect(label).toMatch(/^Add “.+” to the collection$/);
    expect(await toggle.textContent()).toBe('+');
    await toggle.click();
    await expect.poll(() => items().count()).toBe(3);
    const added = section.getByRole('button', {
      name: label.replace(/^Add /, 'Remove ').replace(/ to the collection$/, ' from the collection'),
      exact: true,
    });
    expect(await added.getAttribute('aria-pressed')).toBe('true');
    expect(await added.textContent()).toBe('✓');
    const third = picks()[2]!;
    expect([LEBRASSEUR, BIKLE]).not.toContain(third);

    // Removing one and emptying it: the card and the link follow.
    await items()
      .first()
      .getByRole('button', { name: /^Remove/ })
      .click();
    await expect.poll(() => items().count()).toBe(2);
    await expect.poll(picks).toEqual([BIKLE, third]);
    await card().getByRole('button', { name: 'Empty the collection' }).click();
    await expect.poll(() => card().count()).toBe(0);
    await expect.poll(picks).toEqual([]);
  });

  it('adds the works of a Cypher result and finds the work citing many of them', async () => {
    // Bikle 2015's references: the review finder must rank Bikle 2015 first, citing all of them.
    const query = `MATCH (:Work {id: '${BIKLE}'})-[:CITES]->(w:Work) RETURN w`;
    await explorer.open(`?query=${encodeURIComponent(query)}`);
    await page.locator('.run-button').click();
    const collect = page.locator('[data-testid=collect-result]');
    await collect.waitFor();
    const n = Number(/add (\d+) works?/.exec((await collect.textContent()) ?? '')?.[1]);
    expect(n).toBeGreaterThanOrEqual(1);
    await collect.click();
    await expect.poll(() => items().count()).toBe(n);
    expect(await page.locator('.highlight-note').textContent()).toContain('its works are in the collection');

    await card().getByRole('tab', { name: 'Reviews' }).click();
    const ids = picks();
    expect(ids).toHaveLength(n);
    const want = await related(ids, 'review-finder');
    await expect.poll(() => card().locator('[data-testid=related-message]').textContent()).toBe(want.message);
    expect(await rows().count()).toBe(want.rows.length);
    expect(want.rows[0]!.id).toBe(BIKLE);
    expect(want.rows[0]!.score).toBe(n);
    expect(await rows().first().locator('.related-head .link-button').textContent()).toBe(
      'Role of IGF-I signaling in muscle bone interactions',
    );
    await card().getByRole('button', { name: 'Empty the collection' }).click();
    await expect.poll(() => card().count()).toBe(0);
  });

  it('finds the works citing the most of the whole graph, from the empty details panel', async () => {
    await explorer.open('?');
    const section = page.locator('[data-testid=graph-reviews]');
    await section.getByRole('button', { name: 'Which works cite the most of this graph?' }).click();
    const want = await related([], 'review-finder');
    expect(want.seeds).toEqual([]);
    const found = section.locator('[data-testid=related-row]');
    await expect.poll(() => found.count()).toBe(want.rows.length);
    expect(await section.locator('[data-testid=related-message]').textContent()).toBe(want.message);
    expect(await found.first().locator('.related-head .link-button').getAttribute('title')).toBe(
      want.works[want.rows[0]!.id]?.title ?? want.rows[0]!.id,
    );
    expect(await found.first().locator('[data-testid=related-evidence]').textContent()).toMatch(
      new RegExp(`^cites ${want.rows[0]!.score} of the \\d+ works of the graph \\(`),
    );
  });

  it('collects a cluster of the literature map from its legend', async () => {
    // The map around Gostage 2024 (the RANK review the Kirk review cites): one cluster of 5 works.
    const gostage = 'doi:10.1007/s11914-024-00890-2';
    // A link to the map view (explorer.open waits for the network, which this view does not draw).
    await page.goto(`${explorer.base}?view=litmap&map=${encodeURIComponent(gostage)}`);
    const map = page.locator('[data-testid=litmap]');
    const add = map.locator('[data-testid=legend-collect]');
    await add.first().waitFor();
    const res = await fetch(`${explorer.base}api/litmap/${encodeURIComponent(gostage)}`);
    const payload = (await res.json()) as {
      clusters: { id: number; size: number }[];
      works: { id: string; cluster: number | null }[];
    };
    const largest = payload.clusters[0]!;
    const members = payload.works.filter((w) => w.cluster === largest.id).map((w) => w.id);
    expect(members.length).toBe(largest.size);
    expect(await add.first().getAttribute('aria-label')).toMatch(
      new RegExp(`^Add the ${members.length} works of “`),
    );
    await add.first().click();
    await expect.poll(() => items().count()).toBe(members.length);
    expect([...picks()].sort()).toEqual([...members].sort());
  });
});
