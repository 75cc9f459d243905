/**
 * The concept map and the crosstalk rule in a real browser (built UI, real server, embedded store
 * over the bundled graph) at 1440×900: tissues and factors drawn and labelled without overlap, the
 * irisin → bone arrow opens its graded evidence, the year slider replays how the map filled in;
 * the matrix and the concept panel state the same verdicts on "myokines acting on bone".
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireChromium } from '../support/browser';
import { SHOTS, detailTitle, useExplorer } from '../support/explorer-page';

const hasBrowser = requireChromium();

interface Box {
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The drawn labels' boxes on screen (px). */
async function labelBoxes(page: Page): Promise<Box[]> {
  const out: Box[] = [];
  for (const label of await page.locator('[data-testid=cm-label]').all()) {
    const b = await label.boundingBox();
    if (b) out.push({ text: (await label.textContent()) ?? '', x: b.x, y: b.y, w: b.width, h: b.height });
  }
  return out;
}

/** An attribute of every element a locator finds. */
async function attrs(page: Page, selector: string, name: string): Promise<string[]> {
  const out: string[] = [];
  for (const el of await page.locator(selector).all()) out.push((await el.getAttribute(name)) ?? '');
  return out;
}

/** Where on the screen the arrow of a relation passes at `t` (0 = its start, 1 = its head). */
async function pointOnArrow(page: Page, relation: string, t: number): Promise<[number, number]> {
  const d = (await page.locator(`[data-relation="${relation}"] .cm-hit`).getAttribute('d')) ?? '';
  const [x0, y0, x1, y1, x2, y2] = (d.match(/-?\d+(\.\d+)?/g) ?? []).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const x = (1 - t) ** 2 * x0 + 2 * (1 - t) * t * x1 + t ** 2 * x2;
  const y = (1 - t) ** 2 * y0 + 2 * (1 - t) * t * y1 + t ** 2 * y2;
  const svg = page.getByTestId('concept-map-svg');
  const box = (await svg.boundingBox())!;
  const [vw, vh] = ((await svg.getAttribute('viewBox')) ?? '').split(' ').slice(2).map(Number) as [
    number,
    number,
  ];
  // preserveAspectRatio xMidYMid meet: one scale, the drawing centred.
  const k = Math.min(box.width / vw, box.height / vh);
  return [box.x + (box.width - vw * k) / 2 + x * k, box.y + (box.height - vh * k) / 2 + y * k];
}

function overlaps(boxes: Box[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h)
        out.push(`${a.text} × ${b.text}`);
    }
  }
  return out;
}

describe.skipIf(!hasBrowser)('the concept map in Chromium', () => {
  const explorer = useExplorer();
  let page: Page;

  beforeAll(async () => {
    page = explorer.page;
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('draws tissues and factors labelled without overlap, opens the irisin → bone evidence, replays by year', async () => {
    await explorer.open();
    await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Concept map' }).click();
    const svg = page.locator('[data-testid=concept-map-svg]');
    await svg.waitFor();
    expect(page.url()).toContain('view=conceptmap');
    // Tissues as anchors and factors, each with a visible label.
    for (const id of [
      'concept:bone',
      'concept:skeletal-muscle',
      'concept:adipose-tissue',
      'concept:irisin',
      'concept:sclerostin',
    ]) {
      await expect.poll(() => svg.locator(`[data-concept="${id}"]`).count()).toBe(1);
    }
    const boxes = await labelBoxes(page);
    expect(boxes.length).toBeGreaterThan(40);
    expect(boxes.map((b) => b.text)).toEqual(expect.arrayContaining(['bone', 'skeletal muscle', 'irisin']));
    expect(boxes.every((b) => b.w > 0 && b.h >= 8)).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'concept-map.png') });
    expect(overlaps(boxes)).toEqual([]);

    // Focus (or hover) says how much evidence; a click on the arrow opens the graded evidence.
    const arrow = svg.locator('[data-relation="ACTS_ON:concept:irisin>concept:bone"]');
    // Focus stands in for the pointer (a curve's box centre may lie over another arrow); both show the count.
    await arrow.focus();
    await expect
      .poll(() => page.getByTestId('cm-status').textContent())
      .toMatch(/irisin promotes bone: 5 works \(\d+ primary/);
    await arrow.blur();
    // A real click on the drawn curve: a point of its quadratic Bézier, from map units to the screen.
    await page.mouse.click(...(await pointOnArrow(page, 'ACTS_ON:concept:irisin>concept:bone', 0.4)));
    const evidence = page.getByTestId('cm-evidence');
    await evidence.waitFor();
    expect(await evidence.locator('h3').textContent()).toBe('irisin promotes bone');
    const text = (await evidence.textContent()) ?? '';
    expect(text).toContain('5 curated evidence works');
    expect(text).toMatch(/kind: (title cue|not stated in the data)/);
    expect(text).toContain('species/model: ');
    expect(text).toMatch(/irisin in (title|keywords)/);
    expect(await evidence.locator('[data-work]').count()).toBe(5);
    await page.screenshot({ path: path.join(SHOTS, 'concept-map-evidence.png') });

    // Year slider: up to 2015 fewer arrows than with every year.
    const all = await svg.locator('.cm-arrow').count();
    await page.getByTestId('concept-map').getByRole('slider', { name: 'Year' }).fill('2015');
    await expect.poll(() => page.getByTestId('cm-year').textContent()).toBe('first evidence up to 2015');
    const by2015 = await svg.locator('.cm-arrow').count();
    expect(by2015).toBeGreaterThan(0);
    expect(by2015).toBeLessThan(all);
    // irisin → bone's first evidence is 2019: not drawn yet in 2015.
    expect(await svg.locator('[data-relation="ACTS_ON:concept:irisin>concept:bone"]').count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'concept-map-2015.png') });
  });

  it('the matrix and the myokine panel agree on myokines acting on bone, and say why where they differ', async () => {
    await explorer.open('?node=concept:myokine');
    await expect.poll(() => detailTitle(page)).toBe('myokine');
    const panel = page.getByTestId('panel-crosstalk');
    await panel.waitFor();
    const onBone = '[data-testid=panel-crosstalk] [data-target="concept:bone"]';
    const counted = await attrs(page, `${onBone} [data-counted=true]`, 'data-member');
    const notCounted = await attrs(page, `${onBone} [data-counted=false]`, 'data-member');
    expect(counted.sort()).toEqual(['concept:baiba', 'concept:il-15', 'concept:il-6']);
    expect(notCounted).toContain('concept:irisin');
    expect(await panel.textContent()).toContain(
      'irisin acts on bone (5 works) but no work here says skeletal muscle secretes it',
    );
    expect(await panel.textContent()).toContain('Class-level claim: myokine acts on bone');

    await page.getByRole('button', { name: 'Crosstalk', exact: true }).click();
    const card = page.locator('.matrix-card');
    await expect
      .poll(() => card.getByTestId('matrix-rule').textContent())
      .toContain('A factor counts in A → B');
    await page.getByRole('button', { name: /^skeletal muscle to bone: \d+ factors/ }).click();
    const ev = page.getByTestId('matrix-evidence');
    const members = await attrs(page, '[data-testid=matrix-evidence] [data-level=member]', 'data-factor');
    // The panel's counted myokines are exactly the matrix cell's counted myokine members.
    expect(members.filter((id) => counted.includes(id))).toEqual(expect.arrayContaining(counted));
    expect(members).not.toContain('concept:irisin');
    expect(await ev.locator('[data-level=class][data-factor="concept:myokine"]').count()).toBe(1);
    // With one-sided factors shown, irisin appears, marked, with the same reason as the panel.
    await card.getByLabel(/one-sided/).check();
    const irisin = ev.locator('[data-level=one-sided][data-factor="concept:irisin"]');
    await irisin.waitFor();
    expect(await irisin.textContent()).toContain(
      'irisin acts on bone (5 works) but no work here says skeletal muscle secretes it',
    );
    expect(await irisin.textContent()).toContain('◐');
    for (const id of notCounted) {
      expect(await ev.locator(`[data-level=one-sided][data-factor="${id}"]`).count(), id).toBe(1);
    }
    await page.screenshot({ path: path.join(SHOTS, 'matrix-rule.png') });
  });
});
