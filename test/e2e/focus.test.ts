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
    await page.waitForTimeout(1500);
    const after = await nodeStates(page);
    const focused = Object.keys(after).filter((id) => !after[id]!.hidden);
    expect(focused.length).toBe(shown);
    // Re-laid out: the focused nodes moved (the others did not).
    const moved = focused.filter(
      (id) => Math.hypot(after[id]!.x - before[id]!.x, after[id]!.y - before[id]!.y) > 1,
    );
    expect(moved.length).toBeGreaterThan(shown / 2);
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
    await page.waitForTimeout(900);
    const back = await nodeStates(page);
    for (const id of focused)
      expect(Math.hypot(back[id]!.x - before[id]!.x, back[id]!.y - before[id]!.y)).toBeLessThan(1e-6);
  });
});
