/**
 * One harness for the browser tests: builds the UI, serves it with the real server over the
 * bundled graph, opens headless Chromium, and fails any test during which the page threw.
 * Call {@link useExplorer} inside a `describe` block; it registers the hooks.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { buildUi } from '../../src/cli/build-ui';
import { launchBrowser } from './browser';
import { startTestServer } from './server';
import { ROOT, tempDir } from './temp';

/** Where browser tests leave screenshots for people to look at (ignored by git). */
export const SHOTS = path.join(ROOT, 'test/e2e/__screenshots__');

/** The running explorer of a test file. */
export interface Explorer {
  readonly context: BrowserContext;
  readonly page: Page;
  /** The server's URL, ending in `/`. */
  readonly base: string;
  /** Loads the app (with `query`, e.g. `?node=…`) and waits until the network is drawn. */
  open(query?: string, page?: Page): Promise<void>;
  /** Reports uncaught errors of another page of the context too. */
  watch(page: Page): void;
}

/**
 * Registers the hooks that start and stop the explorer; the returned object is live in tests.
 * `server` bounds the network the server sends (to test the overview on the bundled graph).
 */
export function useExplorer(server: { maxNetworkNodes?: number; maxNetworkEdges?: number } = {}): Explorer {
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let base = '';
  let close: (() => Promise<void>) | undefined;
  const pageErrors: string[] = [];
  const watch = (p: Page): void => {
    p.on('pageerror', (e) => {
      pageErrors.push(`${e.message}\n${e.stack ?? ''}`);
    });
  };

  beforeAll(async () => {
    const uiDir = await tempDir('crosstalk-ui-');
    await buildUi(uiDir);
    const running = await startTestServer({ uiDir, ...server });
    base = running.url;
    close = running.close;
    context = await launchBrowser();
    page = context.pages()[0] ?? (await context.newPage());
    watch(page);
    await mkdir(SHOTS, { recursive: true });
  });

  afterEach(() => {
    const errors = pageErrors.splice(0);
    expect(errors, errors.join('\n\n')).toEqual([]);
  });

  afterAll(async () => {
    await context?.close();
    await close?.();
  });

  const started = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error('the explorer is not started yet (use it inside a test)');
    return v;
  };

  return {
    get context() {
      return started(context);
    },
    get page() {
      return started(page);
    },
    get base() {
      return base;
    },
    watch,
    async open(query = '', p = started(page)) {
      await p.goto(`${base}${query}`);
      await p.locator('[data-testid=sigma-container] canvas').first().waitFor();
      await expect.poll(() => visibleCount(p)).toBeGreaterThan(0);
      await p.waitForTimeout(500);
    },
  };
}

/** The number of visible nodes the filter panel reports. */
export async function visibleCount(page: Page): Promise<number> {
  return Number(await page.locator('[data-testid=visible-count] strong').textContent());
}

/** The title in the detail panel ('' when none). */
export async function detailTitle(page: Page): Promise<string> {
  return (await page.locator('[data-testid=detail-panel] .detail-title').textContent()) ?? '';
}
