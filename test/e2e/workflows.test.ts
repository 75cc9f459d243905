/**
 * Researcher workflows in a real browser: trace a path, read the crosstalk matrix's evidence,
 * and reopen a shared link with the same view. The built UI, the real server and embedded store.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import type Sigma from 'sigma';
import { beforeAll, describe, expect, it } from 'vitest';
import { REVIEW_ID } from '../../src/model/ids';
import { requireChromium } from '../support/browser';
import { SHOTS, detailTitle, useExplorer, visibleCount } from '../support/explorer-page';

const hasBrowser = requireChromium();

async function camera(page: Page): Promise<{ x: number; y: number; ratio: number }> {
  return page.evaluate(() => {
    const s = (globalThis as unknown as { __crosstalkSigma: Sigma }).__crosstalkSigma;
    const { x, y, ratio } = s.getCamera().getState();
    return { x, y, ratio };
  });
}

describe.skipIf(!hasBrowser)('researcher workflows in Chromium', () => {
  const explorer = useExplorer();
  let page: Page;
  let base: string;

  beforeAll(() => {
    page = explorer.page;
    base = explorer.base;
  });

  const open = (p: Page, query = ''): Promise<void> => explorer.open(query, p);

  const choose = async (label: string, text: string): Promise<void> => {
    await page.getByLabel(label).fill(text);
    await page.locator('.path-search .search-results li[role=option]').first().waitFor();
    await page.keyboard.press('Enter');
  };

  it('traces a path chosen by search and lists its steps', async () => {
    await open(page);
    await page.getByRole('button', { name: 'Path', exact: true }).click();
    await choose('Path start', '10.1038/s41574-025-01088-x');
    await choose('Path end', 'irisin');
    const result = page.locator('[data-testid=path-result]');
    await expect.poll(() => result.textContent()).toContain('1 shortest path of 2 steps');
    const steps = await page.locator('.path-steps li').allTextContents();
    expect(steps).toHaveLength(3);
    expect(steps[0]).toContain('Bone and muscle crosstalk in ageing and disease');
    expect(steps[1]).toMatch(/^mentions\s*bone/);
    expect(steps[2]).toMatch(/^is acted on by\s*irisin/);
    expect(page.url()).toContain(`from=${encodeURIComponent(REVIEW_ID)}`);
    expect(page.url()).toContain('to=concept%3Airisin');
    // Citations only to a concept: impossible, and the card says why (issue 17 item 2).
    await page.getByRole('button', { name: 'Citations only' }).click();
    await expect
      .poll(() => page.locator('.path-card [role=alert]').textContent())
      .toMatch(/^Concepts are not cited/);
    await page.getByRole('button', { name: 'Any link' }).click();
    await expect.poll(() => result.textContent()).toContain('1 shortest path');
    await page.waitForTimeout(600);
    await page.screenshot({ path: path.join(SHOTS, 'path.png') });
  });

  it('sets path ends from the details panel and walks a citation chain', async () => {
    await open(page, `?node=${encodeURIComponent(REVIEW_ID)}`);
    await expect.poll(() => detailTitle(page)).toBe('Bone and muscle crosstalk in ageing and disease');
    await page.getByRole('button', { name: 'from here' }).click();
    await page
      .getByRole('button', { name: 'Multimodal cell atlas of the ageing human skeletal muscle' })
      .first()
      .click();
    await expect
      .poll(() => detailTitle(page))
      .toBe('Multimodal cell atlas of the ageing human skeletal muscle');
    await page.getByRole('button', { name: 'to here' }).click();
    await page.getByRole('button', { name: 'Along arrows' }).click();
    await page.getByRole('button', { name: 'Citations only' }).click();
    await expect
      .poll(() => page.locator('[data-testid=path-result]').textContent())
      .toContain('1 shortest path of 1 step, following citations in their direction');
    expect(await page.locator('.path-steps li').nth(1).textContent()).toMatch(/^cites/);
  });

  it('shows the evidence of a crosstalk-matrix cell', async () => {
    await open(page);
    await page.getByRole('button', { name: 'Crosstalk' }).click();
    const cell = page.getByRole('button', { name: /^skeletal muscle to bone: \d+ factors, \d+ works$/ });
    await cell.click();
    const evidence = page.locator('[data-testid=matrix-evidence]');
    await expect
      .poll(() => evidence.textContent())
      .toMatch(/skeletal muscle → bone: \d+ factors, \d+ supporting works/);
    const text = (await evidence.textContent()) ?? '';
    expect(text).toContain('myokine');
    expect(text).toContain('interleukin-6');
    expect(text).toContain('secreted by');
    expect(page.url()).toContain('cell=skeletal-muscle%3Ebone');
    // An evidence work opens in the details.
    await evidence.locator('.evidence-work').first().click();
    await expect.poll(() => detailTitle(page)).not.toBe('');
    // An empty cell says there is nothing, rather than showing nothing.
    await page.getByRole('button', { name: /^adipose tissue to adipose tissue: 0 factors/ }).click();
    await expect.poll(() => page.locator('.matrix-card').textContent()).toContain('No curated factor');
    await page.getByRole('button', { name: /^skeletal muscle to bone/ }).click();
    await page.waitForTimeout(600);
    await page.screenshot({ path: path.join(SHOTS, 'matrix.png') });
  });

  it('reopens a copied link in a new page with the same selection, filters, camera, path and cell', async () => {
    await open(page);
    const colourBy = (p: Page) =>
      p.getByRole('group', { name: 'Colour nodes by' }).getByRole('button', { name: 'Community' });
    await colourBy(page).click();
    await page.locator('.year-row input').first().fill('2010');
    await page.locator('.year-row input').first().press('Tab');
    await expect.poll(() => page.url()).toContain('years=2010-');
    await page.getByRole('button', { name: 'Path', exact: true }).click();
    await choose('Path start', 'irisin');
    await choose('Path end', 'sclerostin');
    await expect
      .poll(() => page.locator('[data-testid=path-result]').textContent())
      .toContain('shortest path');
    await page.getByRole('button', { name: 'Crosstalk' }).click();
    await page.getByRole('button', { name: /^bone to adipose tissue/ }).click();
    await page.fill('header input[type=search]', 'irisin');
    await page.locator('header .search-results li[role=option]').first().waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => detailTitle(page)).toBe('irisin');
    await page.waitForTimeout(1200); // the camera settles and reaches the URL
    await page.getByRole('button', { name: 'Copy link' }).click();
    const notice = (await page.locator('.notice').textContent()) ?? '';
    expect(notice).toMatch(/copied|Copy this link/);
    const link = page.url();
    const count = await visibleCount(page);
    const cam = await camera(page);
    expect(link).toMatch(/node=concept%3Airisin/);
    expect(link).toMatch(/cam=/);

    const other = await explorer.context.newPage();
    try {
      explorer.watch(other);
      await open(other, link.slice(base.length));
      await expect.poll(() => detailTitle(other)).toBe('irisin');
      await expect.poll(() => visibleCount(other)).toBe(count);
      expect(await other.locator('.year-row input').first().inputValue()).toBe('2010');
      expect(await colourBy(other).getAttribute('aria-pressed')).toBe('true');
      await expect
        .poll(() => other.locator('[data-testid=path-result]').textContent())
        .toContain('shortest path');
      expect(
        await other.getByRole('button', { name: /^bone to adipose tissue/ }).getAttribute('aria-pressed'),
      ).toBe('true');
      const cam2 = await camera(other);
      expect(cam2.x).toBeCloseTo(cam.x, 3);
      expect(cam2.y).toBeCloseTo(cam.y, 3);
      expect(cam2.ratio).toBeCloseTo(cam.ratio, 3);
    } finally {
      await other.close();
    }
  });

  it('ignores an invalid link with a notice instead of failing', async () => {
    await open(
      page,
      '?color=rainbow&years=2020-1990&from=concept%3Anothing&to=concept%3Abone&cell=liver%3Ebone&cam=a,b',
    );
    const notice = (await page.locator('.notice').textContent()) ?? '';
    expect(notice).toContain('Ignored an invalid');
    expect(notice).toContain('year range');
    expect(notice).toContain('matrix cell');
    expect(notice).toContain('not in this graph');
    expect(await visibleCount(page)).toBe(594);
  });
});
