/**
 * The Export menu in a real browser: the built UI served by the real server over the real
 * embedded store, in headless Chromium. Downloads are saved and their bytes checked.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { REVIEW_DOI, REVIEW_ID } from '../../src/model/ids';
import { requireChromium } from '../support/browser';
import { SHOTS, useExplorer } from '../support/explorer-page';
import { tempDir } from '../support/temp';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const hasBrowser = requireChromium();

describe.skipIf(!hasBrowser)('exports in Chromium', () => {
  const explorer = useExplorer();
  let page: Page;
  let downloads: string;

  beforeAll(async () => {
    page = explorer.page;
    downloads = await tempDir('crosstalk-downloads-');
  });

  const open = (query = ''): Promise<void> => explorer.open(query);

  /** Opens the menu, clicks an entry and saves what the browser downloads. */
  const exportVia = async (item: string): Promise<{ name: string; bytes: Buffer }> => {
    await page.getByTestId('export-button').click();
    await page.getByTestId('export-menu').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.locator(`[data-export=${item}]`).click(),
    ]);
    const file = path.join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    return { name: download.suggestedFilename(), bytes: await readFile(file) };
  };

  it('exports the current view as PNG', async () => {
    await open();
    await page.getByTestId('export-button').click();
    await page.getByTestId('export-menu').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'export-menu.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('export-menu').count()).toBe(0);

    const { name, bytes } = await exportVia('png');
    expect(name).toMatch(/^crosstalk-network-\d{4}-\d{2}-\d{2}\.png$/);
    expect(bytes.length).toBeGreaterThan(10_000);
    expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  });

  it('exports the current view as well-formed SVG with the selected review in it', async () => {
    await open(`?node=${encodeURIComponent(REVIEW_ID)}`);
    const { name, bytes } = await exportVia('svg');
    expect(name).toMatch(/^crosstalk-network-\d{4}-\d{2}-\d{2}\.svg$/);
    const svg = bytes.toString('utf8');
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).toContain(`data-id="${REVIEW_ID}"`);
    expect(svg).toContain('<title>crosstalk-kg');
  });

  it('exports the selected review as BibTeX with its DOI', async () => {
    await open(`?node=${encodeURIComponent(REVIEW_ID)}`);
    const { name, bytes } = await exportVia('bib-selected');
    expect(name).toMatch(/^crosstalk-selected-work-\d{4}-\d{2}-\d{2}\.bib$/);
    const bib = bytes.toString('utf8');
    expect(bib).toContain(`doi = {${REVIEW_DOI}}`);
    expect(bib).toContain('pmid = {40011751}');
    expect(bib.match(/^@/gm)).toHaveLength(1);
  });

  it('exports the visible nodes as CSV and the visible graph as GEXF', async () => {
    await open();
    const csv = await exportVia('nodes-csv');
    const lines = csv.bytes.toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,kind,title,year,category,community,degree');
    const visible = Number(await page.locator('[data-testid=visible-count] strong').textContent());
    // One line per node (no title in the bundled data holds a line break).
    expect(lines).toHaveLength(visible + 1);

    const gexf = await exportVia('gexf');
    const xml = gexf.bytes.toString('utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml.match(/<node /g)).toHaveLength(visible);
  });

  it('exports the console result table as CSV', async () => {
    const query = 'MATCH (w:Work {isReview: true}) RETURN w.id AS id, w.title AS title, w.authors AS authors';
    await open('?query=' + encodeURIComponent(query));
    const editor = page.locator('[data-testid=cypher-editor] .cm-content');
    await editor.waitFor();
    await editor.click();
    await page.keyboard.press('Control+Enter');
    await page.locator('[data-testid=result-table] tbody tr').first().waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByTestId('export-csv').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^crosstalk-query-\d{4}-\d{2}-\d{2}\.csv$/);
    const file = path.join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    expect((await readFile(file, 'utf8')).split('\r\n')).toEqual([
      'id,title,authors',
      `${REVIEW_ID},Bone and muscle crosstalk in ageing and disease,"[""Ben Kirk"",""et al.""]"`,
      '',
    ]);
  });
});
