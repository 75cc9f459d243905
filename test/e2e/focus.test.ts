/**
 * Focused views, informative paths and a console that leaves room (issue 17 items 1, 2 and 4), in
 * headless Chromium over the bundled graph (594 nodes).
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import type Sigma from 'sigma';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireChromium } from '../support/browser';
import { SHOTS, useExplorer, visibleCount } from '../support/explorer-page';

const hasBrowser = requireChromium();

type NodeState = { x: number; y: number; label: string; forceLabel: boolean; hidden: boolean };

/** Model positions and what sigma draws for every node. */
function nodeStates(page: Page): Promise<Record<string, NodeState>> {
  return page.evaluate(() => {
    const s = (globalThis as unknown as { __crosstalkSigma: Sigma }).__crosstalkSigma;
    const out: Record<string, NodeState> = {};
    s.getGraph().forEachNode((id, a) => {
      const d = s.getNodeDisplayData(id) as
        { label: string | null; forceLabel: boolean; hidden: boolean } | undefined;
      out[id] = {
        x: a.x as number,
        y: a.y as number,
        label: d?.label ?? '',
        forceLabel: d?.forceLabel ?? false,
        hidden: d?.hidden ?? true,
      };
    });
    return out;
  });
}

describe.skipIf(!hasBrowser)('focused views in Chromium', () => {
  const explorer = useExplorer();
  let page: Page;

  beforeAll(async () => {
    page = explorer.page;
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('a 2-hop focus on sclerostin does not walk through hubs, is laid out again and labelled, and names its centre', async () => {
    await explorer.open(`?node=${encodeURIComponent('concept:sclerostin')}`);
    const before = await nodeStates(page);
    await page.getByTestId('detail-panel').getByRole('button', { name: '2 hops' }).click();
    const banner = page.getByTestId('focus-banner');
    await expect.poll(() => banner.textContent()).toContain('Neighbourhood of sclerostin, 2 hops');
    // The old focus walked through bone and skeletal muscle: 209 of 594 nodes.
    const shown = await visibleCount(page);
    expect(shown).toBeLessThan(0.15 * 594);
    expect(shown).toBeGreaterThan(10);
    expect(await banner.textContent()).toMatch(/Hubs shown, not walked through: .*bone/);
    // Re-laid out: the focused nodes move (software WebGL draws slowly: wait for the layout to land).
    const movedNow = async (): Promise<number> => {
      const now = await nodeStates(page);
      return Object.keys(now).filter(
        (id) => !now[id]!.hidden && Math.hypot(now[id]!.x - before[id]!.x, now[id]!.y - before[id]!.y) > 1,
      ).length;
    };
    await expect.poll(movedNow, { timeout: 15_000 }).toBeGreaterThan(shown / 2);
    await page.waitForTimeout(1000);
    const after = await nodeStates(page);
    const focused = Object.keys(after).filter((id) => !after[id]!.hidden);
    expect(focused.length).toBe(shown);
    // Labelled by importance: more than a handful of the focused nodes carry a label.
    expect(focused.filter((id) => after[id]!.forceLabel && after[id]!.label).length).toBeGreaterThanOrEqual(
      8,
    );
    await page.screenshot({ path: path.join(SHOTS, 'focus-sclerostin-2hops.png') });

    // Clicking the stage clears the selection; the banner still says whose neighbourhood it is.
    await page.locator('[data-testid=sigma-container]').click({ position: { x: 8, y: 8 } });
    await expect.poll(() => page.url()).not.toContain('node=');
    expect(await banner.textContent()).toContain('Neighbourhood of sclerostin');
    expect(await banner.textContent()).not.toContain('the selection');

    // Hiding hubs leaves them out.
    await banner.getByRole('checkbox').check();
    await expect.poll(() => banner.textContent()).toContain('Hidden hubs');
    expect(await visibleCount(page)).toBeLessThan(shown);

    // The way back to the whole: every node at its stored position again.
    await banner.getByRole('button', { name: 'Show all' }).click();
    await expect.poll(() => visibleCount(page)).toBe(594);
    const farthest = async (): Promise<number> => {
      const back = await nodeStates(page);
      return Math.max(
        ...focused.map((id) => Math.hypot(back[id]!.x - before[id]!.x, back[id]!.y - before[id]!.y)),
      );
    };
    await expect.poll(farthest, { timeout: 15_000 }).toBeLessThan(1e-6);
  });

  it('the console leaves the network at least half the window, collapses the timeline and labels its result', async () => {
    const query =
      "MATCH (:Concept {id: 'concept:sclerostin'})<-[:MENTIONS]-(w:Work)-[:MENTIONS]->(c:Concept) WHERE c.id <> 'concept:sclerostin' RETURN w, c LIMIT 40";
    await explorer.open(`?query=${encodeURIComponent(query)}`);
    await page.getByTestId('console').getByRole('button', { name: /^Run/ }).click();
    await expect.poll(() => page.getByTestId('cypher-summary').textContent()).toContain('rows');
    // Before: the network was a 280 px strip under the open timeline.
    const network = async (): Promise<number> =>
      (await page.locator('[data-testid=sigma-container]').boundingBox())!.height;
    expect(await network()).toBeGreaterThanOrEqual(450);
    expect(await page.getByTestId('timeline').getAttribute('class')).toContain('collapsed');
    // Labelled (the old console forced no label on a result of more than 12 nodes).
    const labelled = async (): Promise<number> =>
      Object.values(await nodeStates(page)).filter((n) => !n.hidden && n.forceLabel && n.label).length;
    await expect.poll(labelled, { timeout: 10_000 }).toBeGreaterThanOrEqual(5);
    await page.screenshot({ path: path.join(SHOTS, 'console-open.png') });

    // Resizing cannot take the network below half the window.
    const handle = page.getByRole('separator', { name: /Resize the console/ });
    await handle.focus();
    for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowUp');
    expect(await network()).toBeGreaterThanOrEqual(450);
    const tall = (await page.getByTestId('console').boundingBox())!.height;
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
    expect((await page.getByTestId('console').boundingBox())!.height).toBeLessThan(tall);

    // The result as its own graph, and back.
    await page.getByRole('button', { name: 'show on their own' }).click();
    const banner = page.getByTestId('focus-banner');
    await expect.poll(() => banner.textContent()).toMatch(/Query result: \d+ nodes on their own/);
    const n = Number(/Query result: (\d+)/.exec((await banner.textContent()) ?? '')![1]);
    expect(await visibleCount(page)).toBe(n);
    await banner.getByRole('button', { name: 'Show all' }).click();
    await expect.poll(() => visibleCount(page)).toBe(594);
  });
  it('paths: avoid hubs in one click, say why citations cannot reach a concept, ignore direction in one click, end search not clipped', async () => {
    const review = 'doi:10.1038/s41574-025-01088-x';
    await explorer.open(`?from=${encodeURIComponent(review)}&to=${encodeURIComponent('concept:irisin')}`);
    const card = page.getByRole('region', { name: 'Trace a path' });
    const result = page.getByTestId('path-result');
    await expect.poll(() => result.textContent()).toContain('shortest path');
    // Through the hub: "the review mentions bone, irisin acts on bone".
    expect(await result.textContent()).toContain('bone');
    await card.getByRole('button', { name: 'Avoid hubs' }).click();
    await expect.poll(() => result.textContent()).toContain('avoiding hub concepts');
    const steps = await result.locator('.path-steps').first().locator('.path-node-label').allTextContents();
    expect(steps[0]).toBe('Bone and muscle crosstalk in ageing and disease');
    expect(steps.at(-1)).toBe('irisin');
    expect(steps).not.toContain('bone');
    expect(steps).not.toContain('skeletal muscle');
    await page.waitForTimeout(800);
    await page.screenshot({ path: path.join(SHOTS, 'path-review-irisin.png') });

    // Citations only: concepts are not cited, and the card says so.
    await card.getByRole('button', { name: 'Citations only' }).click();
    await expect.poll(() => card.textContent()).toContain('Concepts are not cited');
    await card.getByRole('button', { name: 'Any link' }).click();
    await card.getByRole('button', { name: 'Avoid hubs' }).click();

    // Along arrows: the review cannot reach irisin; one click takes the undirected path.
    await card.getByRole('button', { name: 'Along arrows' }).click();
    const ignore = card.getByRole('button', { name: 'Ignore direction' });
    await ignore.waitFor();
    await ignore.click();
    await expect
      .poll(() => card.getByRole('button', { name: 'Either direction' }).getAttribute('aria-pressed'))
      .toBe('true');
    await expect.poll(() => result.textContent()).toContain('shortest path');

    // The end search: its hits are not cut off by the card (was 2.5 hits visible).
    await card.getByRole('button', { name: 'Clear end' }).click();
    await card.getByLabel('Path end').fill('bone');
    const hits = card.locator('.search-results li[role=option]');
    await hits.first().waitFor();
    const dock = (await page.locator('.tool-dock').boundingBox())!;
    const n = Math.min(4, await hits.count());
    expect(n).toBeGreaterThanOrEqual(4);
    for (let i = 0; i < n; i++) {
      const b = (await hits.nth(i).boundingBox())!;
      expect(b.y).toBeGreaterThanOrEqual(dock.y - 1);
      expect(b.y + b.height).toBeLessThanOrEqual(dock.y + dock.height + 1);
    }
  });
});
