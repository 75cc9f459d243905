/**
 * Related works in a real browser: the review's Related section, its evidence, the "Not cited"
 * audit, opening a work from the list, the CSV export, and the literature map around a work. The built UI, the real server and the
 * embedded store over the bundled graph. Screenshots go to test/e2e/__screenshots__/.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { REVIEW_ID } from '../../src/model/ids';
import { requireChromium } from '../support/browser';
import { SHOTS, detailTitle, useExplorer } from '../support/explorer-page';
import { tempDir } from '../support/temp';

const hasBrowser = requireChromium();

describe.skipIf(!hasBrowser)('related works in Chromium', () => {
  const explorer = useExplorer();
  let page: Page;

  beforeAll(() => {
    page = explorer.page;
  });

  const section = () => page.locator('[data-testid=related-section]');
  const rows = () => section().locator('[data-testid=related-row]');

  it('lists the review’s related works with their evidence, audits what it did not cite, and opens one', async () => {
    await explorer.open(`?node=${encodeURIComponent(REVIEW_ID)}`);
    await expect.poll(() => detailTitle(page)).toBe('Bone and muscle crosstalk in ageing and disease');
    await section().scrollIntoViewIfNeeded();
    // Related: its five known references, each "cited by it"; the message says how little it rests on.
    await expect.poll(() => rows().count()).toBe(5);
    expect(await section().locator('[data-testid=related-message]').textContent()).toBe(
      'Rests on 0 works citing it and 5 references of its known to the graph.',
    );
    const evidence = await section().locator('[data-testid=related-evidence]').allTextContents();
    expect(evidence).toHaveLength(5);
    expect(evidence.every((e) => e.startsWith('cited by it'))).toBe(true);

    // Not cited: the work one of its references cites, with that reference named.
    await section().getByRole('tab', { name: 'Not cited' }).click();
    await expect.poll(() => rows().count()).toBe(1);
    const row = rows().first();
    expect(await row.locator('.related-head .link-button').textContent()).toMatch(
      /^RANK is the intrinsic hematopoietic cell surface receptor/,
    );
    expect(await row.locator('[data-testid=related-evidence]').textContent()).toContain(
      'cited by 1 of its 5 references',
    );
    await section().screenshot({ path: path.join(SHOTS, 'related-not-cited.png') });

    // The CSV of the list holds the row and its evidence.
    const downloads = await tempDir('crosstalk-related-');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      section().getByRole('button', { name: 'CSV' }).click(),
    ]);
    const file = path.join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/^crosstalk-not-cited-works-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile(file, 'utf8');
    expect(csv).toContain('doi:10.1073/pnas.97.4.1566');
    expect(csv).toContain('cited by 1 of its 5 references (doi:10.1007/s11914-024-00890-2)');

    // The reference named as evidence is a link: it opens that work.
    await row.locator('[data-testid=related-evidence] .link-button').first().click();
    await expect
      .poll(() => detailTitle(page))
      .toBe('Extra-osseous Roles of the RANK-RANKL-OPG Axis with a Focus on Skeletal Muscle');
  });

  it('ranks works coupled by shared references and opens one from the list', async () => {
    await explorer.open(`?node=${encodeURIComponent('doi:10.1002/jbmr.1666')}`);
    await expect
      .poll(() => detailTitle(page))
      .toMatch(/^Skeletal Muscle Mass is Associated with Bone Geometry/);
    await section().getByRole('tab', { name: 'Related' }).click();
    await expect.poll(() => rows().count()).toBeGreaterThan(3);
    const coupled = rows().filter({ hasText: 'Forum on bone and skeletal muscle interactions' });
    expect(await coupled.locator('[data-testid=related-evidence]').first().textContent()).toMatch(
      /^shares 2 references \(.+, .+\)/,
    );
    await section().scrollIntoViewIfNeeded();
    await page.locator('[data-testid=detail-panel]').screenshot({ path: path.join(SHOTS, 'related.png') });
    await coupled.locator('.related-head .link-button').click();
    await expect
      .poll(() => detailTitle(page))
      .toBe(
        'Forum on bone and skeletal muscle interactions: summary of the proceedings of an ASBMR workshop',
      );
  });
  it('maps the works around one of the review’s references, labelled without overlaps, then audits the review', async () => {
    await explorer.open(`?node=${encodeURIComponent(REVIEW_ID)}`);
    await section().scrollIntoViewIfNeeded();
    await expect.poll(() => rows().count()).toBe(5);
    expect(await section().locator('[data-testid=related-evidence]').first().textContent()).toMatch(
      /^cited by it/,
    );
    // Open one of the ranked works, then map around it.
    await rows()
      .filter({ hasText: 'Extra-osseous Roles of the RANK-RANKL-OPG Axis' })
      .locator('.related-head .link-button')
      .click();
    await expect
      .poll(() => detailTitle(page))
      .toBe('Extra-osseous Roles of the RANK-RANKL-OPG Axis with a Focus on Skeletal Muscle');
    await section().getByRole('button', { name: 'Map around this work' }).click();
    const map = page.locator('[data-testid=litmap]');
    await map.locator('[data-testid=litmap-canvas] canvas').first().waitFor();
    await expect.poll(() => map.getAttribute('data-layout'), { timeout: 30_000 }).toBe('force');
    expect(page.url()).toContain('view=litmap');
    expect(page.url()).toContain(`map=${encodeURIComponent('doi:10.1007/s11914-024-00890-2')}`);
    expect(await map.locator('[data-testid=litmap-message]').textContent()).toBe(
      '7 works: it and the best 6 of 6 related works; 10 links of similarity ≥ 0.1; 1 cluster.',
    );
    // Labelled: the cluster by its most specific shared concepts, and every work (7 fit easily).
    const labels = map.locator('.litmap-label');
    await expect.poll(() => labels.count()).toBe(8);
    await expect
      .poll(() => map.locator('.litmap-label.cluster').textContent())
      .toBe('ageing · skeletal muscle');
    // Laid out: the works are spread over the canvas, not on their start positions in a heap.
    const canvas = (await map.locator('[data-testid=litmap-canvas]').boundingBox())!;
    // Rendered boxes, read through Playwright (the Node project has no DOM types).
    const boxes: { text: string; x: number; y: number; w: number; h: number }[] = [];
    for (let i = 0; i < (await labels.count()); i++) {
      const box = (await labels.nth(i).boundingBox())!;
      const text = (await labels.nth(i).textContent()) ?? '';
      boxes.push({ text, x: box.x, y: box.y, w: box.width, h: box.height });
    }
    for (const b of boxes) {
      expect(b.w, b.text).toBeGreaterThan(0);
      expect(b.x, b.text).toBeGreaterThanOrEqual(canvas.x - 0.5);
      expect(b.y, b.text).toBeGreaterThanOrEqual(canvas.y - 0.5);
      expect(b.x + b.w, b.text).toBeLessThanOrEqual(canvas.x + canvas.width + 0.5);
      expect(b.y + b.h, b.text).toBeLessThanOrEqual(canvas.y + canvas.height + 0.5);
    }
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i]!, boxes[j]!];
        const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
        expect(apart, `${a.text} overlaps ${b.text}`).toBe(true);
      }
    }
    const xs = boxes.map((b) => b.x);
    expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(canvas.width / 4);
    await map.screenshot({ path: path.join(SHOTS, 'litmap.png') });

    // The review is on the map: its label selects it; its "Not cited" audit lists what it left out.
    await map.locator(`[data-label-id="${REVIEW_ID}"]`).click();
    await expect.poll(() => detailTitle(page)).toBe('Bone and muscle crosstalk in ageing and disease');
    await section().getByRole('tab', { name: 'Not cited' }).click();
    await expect.poll(() => rows().count()).toBe(1);
    expect(await rows().first().locator('[data-testid=related-evidence]').textContent()).toContain(
      'cited by 1 of its 5 references',
    );
    // Back to the network: the tab is in the link, the network is drawn again.
    await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Network' }).click();
    await expect.poll(() => page.url()).not.toContain('view=litmap');
    await expect.poll(() => map.count()).toBe(0);
  });

  it('moves the link threshold: fewer links, the same as the API gives, and the threshold in the link', async () => {
    // Its map has links of several strengths (most of the bundled maps link every pair at 1).
    const work = 'doi:10.1002/jbmr.1666';
    // Straight to the map (explorer.open waits for the network's canvas, not shown here).
    await page.goto(`${explorer.base}?view=litmap&map=${encodeURIComponent(work)}`);
    const map = page.locator('[data-testid=litmap]');
    await expect.poll(() => map.getAttribute('data-layout'), { timeout: 30_000 }).toBe('force');
    const message = map.locator('[data-testid=litmap-message]');
    const linksShown = async (): Promise<number> =>
      Number(/(\d+) links? of similarity/.exec((await message.textContent()) ?? '')?.[1] ?? NaN);
    const before = await linksShown();
    expect(before).toBe(9);
    const slider = map.locator('[data-testid=litmap-threshold]');
    expect(await slider.inputValue()).toBe('0.1');
    // Moved by the keyboard, 10 steps of 0.02: 0.1 → 0.3.
    await slider.focus();
    for (let i = 0; i < 10; i++) await slider.press('ArrowRight');
    expect(await map.locator('[data-testid=litmap-threshold-value]').textContent()).toBe('0.30');
    await expect.poll(() => message.textContent(), { timeout: 30_000 }).toContain('similarity ≥ 0.3;');
    const api = (await (
      await page.request.post(new URL('/api/litmap', explorer.base).href, {
        data: { ids: [work], size: 300, threshold: 0.3 },
      })
    ).json()) as { links: unknown[] };
    const after = await linksShown();
    expect(after).toBeLessThan(before);
    expect(after).toBe(api.links.length);
    await expect.poll(() => map.getAttribute('data-layout'), { timeout: 30_000 }).toBe('force');
    await expect.poll(() => page.url()).toContain('mapThreshold=0.3');
    await map.screenshot({ path: path.join(SHOTS, 'litmap-threshold.png') });
    // The link reopens the same map.
    await page.reload();
    await expect.poll(() => message.textContent(), { timeout: 30_000 }).toContain('similarity ≥ 0.3;');
    expect(await linksShown()).toBe(after);
    expect(await map.locator('[data-testid=litmap-threshold]').inputValue()).toBe('0.3');
  });
});
