/**
 * The details panel's long lists in headless Chromium (built UI, real server, embedded store,
 * bundled graph): a concept mentioned by more works than the first page says "25 of N", "Show …
 * more" fetches the next page from the server (GET /api/nodes/<id>?list=works) and appends it in
 * the server's order, "Show fewer" folds it back. Screenshot: detail-pages-bone.png.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ConceptDetail, NodeListPage } from '../../src/model/api';
import { DETAIL_LIST_LIMIT } from '../../src/model/api';
import { requireChromium } from '../support/browser';
import { SHOTS, detailTitle, useExplorer } from '../support/explorer-page';

const hasBrowser = requireChromium();

describe.skipIf(!hasBrowser)('paged lists in the details panel', () => {
  const explorer = useExplorer();
  let page: Page;

  beforeAll(() => {
    page = explorer.page;
  });

  it('shows the first page of a concept’s works with the total, and fetches more on request', async () => {
    const whole = (await (
      await fetch(new URL('/api/nodes/concept:bone?limit=1000', explorer.base))
    ).json()) as ConceptDetail;
    const total = whole.totals.works;
    expect(total).toBeGreaterThan(DETAIL_LIST_LIMIT + 1);

    await explorer.open('?node=concept:bone');
    await expect.poll(() => detailTitle(page)).toBe('bone');
    const section = page.getByRole('region', { name: 'Works mentioning it' });
    const items = section.locator('.work-item');
    const line = section.locator('.count-line');
    await expect.poll(() => items.count()).toBe(DETAIL_LIST_LIMIT);
    expect(await section.locator('h3 .count').textContent()).toBe(String(total));
    expect(await line.textContent()).toBe(`${DETAIL_LIST_LIMIT} of ${total}`);

    const pages: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('list=works')) pages.push(r.url());
    });
    const more = Math.min(100, total - DETAIL_LIST_LIMIT);
    await section.getByRole('button', { name: `Show ${more} more` }).click();
    const shown = DETAIL_LIST_LIMIT + more;
    await expect.poll(() => items.count()).toBe(shown);
    expect(await line.textContent()).toBe(`${shown} of ${total}`);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain(`offset=${DETAIL_LIST_LIMIT}&limit=100`);
    // The server's order, the whole list's: titles as the full answer lists them.
    const titles = await items.locator('.link-button').allTextContents();
    expect(titles).toEqual(whole.works.slice(0, shown).map((w) => w.title ?? `untitled (${w.id})`));
    const next = (await (
      await fetch(
        new URL(`/api/nodes/concept:bone?list=works&offset=${DETAIL_LIST_LIMIT}&limit=3`, explorer.base),
      )
    ).json()) as NodeListPage;
    expect(next.items.map((w) => w.id)).toEqual(
      whole.works.slice(DETAIL_LIST_LIMIT, DETAIL_LIST_LIMIT + 3).map((w) => w.id),
    );

    await section.locator('.list-more').scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await page
      .locator('[data-testid=detail-panel]')
      .screenshot({ path: path.join(SHOTS, 'detail-pages-bone.png') });

    await section.getByRole('button', { name: 'Show fewer' }).click();
    await expect.poll(() => items.count()).toBe(DETAIL_LIST_LIMIT);
    // A work from the list opens its details; its lists start again at their first page.
    await items.first().locator('.link-button').click();
    await expect.poll(() => detailTitle(page)).toBe(whole.works[0]!.title);
  });
});
