/** The benchmark's browser side: first frame and interactive time in headless Chromium. */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserRow } from './report';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * First frame and interactive time: the median of `runs` loads, each in a fresh Chromium with a
 * fresh profile (one cold load varied 1.3–2.9 s for the same page between runs).
 */
export async function measureBrowser(
  dataset: string,
  url: string,
  timeoutMs: number,
  runs: number,
): Promise<BrowserRow> {
  const rows: BrowserRow[] = [];
  for (let i = 0; i < runs; i++) rows.push(await measureBrowserOnce(dataset, url, timeoutMs));
  const ok = rows.filter((r) => r.ok).sort((a, b) => (a.firstRenderMs ?? 0) - (b.firstRenderMs ?? 0));
  const median = ok[Math.floor((ok.length - 1) / 2)];
  if (!median) return rows[0]!;
  return { ...median, firstRenderRunsMs: ok.map((r) => r.firstRenderMs ?? 0) };
}

async function measureBrowserOnce(dataset: string, url: string, timeoutMs: number): Promise<BrowserRow> {
  if (!existsSync(CHROMIUM))
    return {
      dataset,
      ok: false,
      error: `no Chromium at ${CHROMIUM}`,
      firstRenderMs: null,
      interactiveMs: null,
      longTasks: 0,
      longestTaskMs: 0,
    };
  const profile = path.join(os.tmpdir(), `crosstalk-bench-chromium-${process.pid}-${Date.now()}`);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      '--no-sandbox',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const page = await context.newPage();
    // Runs in the page (a string: this file is type-checked for Node, not the DOM).
    await page.addInitScript(`
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, end: e.startTime + e.duration });
      }).observe({ type: 'longtask', buffered: true });
    `);
    await page.goto(url, { waitUntil: 'commit', timeout: timeoutMs });
    chromiumSeen ??= /Chrome\/([\d.]+)/.exec(await page.evaluate<string>('navigator.userAgent'))?.[1] ?? null;
    const deadline = Date.now() + timeoutMs;
    let first: number | null = null;
    while (Date.now() < deadline) {
      first = await page.evaluate(
        () => performance.getEntriesByName('crosstalk:first-render')[0]?.startTime ?? null,
      );
      if (first !== null) break;
      await page.waitForTimeout(100);
    }
    if (first === null)
      return {
        dataset,
        ok: false,
        error: `no first frame within ${timeoutMs / 1000} s`,
        firstRenderMs: null,
        interactiveMs: null,
        longTasks: 0,
        longestTaskMs: 0,
      };
    // Interactive: after the first frame, the end of the last long task (> 50 ms) before 1 s without any.
    let tasks: { start: number; end: number }[] = [];
    for (;;) {
      const now = await page.evaluate(() => performance.now());
      tasks = await page.evaluate<{ start: number; end: number }[]>('window.__longTasks');
      const lastEnd = Math.max(first, ...tasks.map((t) => t.end));
      if (now - lastEnd >= 1_000 || Date.now() > deadline) {
        return {
          dataset,
          ok: true,
          firstRenderMs: first,
          interactiveMs: lastEnd,
          longTasks: tasks.length,
          longestTaskMs: Math.max(0, ...tasks.map((t) => t.end - t.start)),
        };
      }
      await page.waitForTimeout(200);
    }
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}

/** What {@link measureLitMapFrame} saw in one page. */
export interface LitMapFrameRun {
  /** From the start of the page's POST /api/litmap to the map's first drawn frame (the view's mark). */
  requestToFrameMs: number;
  /** The request itself, start to end of the answer. */
  requestMs: number;
  /**
   * From the request to ForceAtlas2's positions in place (mark `crosstalk:litmap-laid-out`; the
   * first frame draws the seeded start positions), null when the mark did not come in time.
   */
  laidOutMs: number | null;
}

/**
 * The literature map's first frame: opens `url` (the map view, e.g. `/?view=litmap&map=<id>`) in
 * a fresh headless Chromium `runs` times and reads, from the page's own clock, the time from the
 * start of its POST /api/litmap (resource timing) to the performance mark
 * `crosstalk:litmap-first-frame` (set by ui/litmap/LitMapView.tsx once sigma drew the map, at its seeded start positions; ForceAtlas2's follow).
 * @throws Error when no run reached the mark within `timeoutMs`.
 */
export async function measureLitMapFrame(
  url: string,
  timeoutMs: number,
  runs: number,
): Promise<LitMapFrameRun[]> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}`);
  const out: LitMapFrameRun[] = [];
  const errors: string[] = [];
  for (let i = 0; i < runs; i++) {
    const profile = path.join(os.tmpdir(), `crosstalk-bench-litmap-${process.pid}-${Date.now()}`);
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 800 },
      args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--no-first-run'],
    });
    try {
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'commit', timeout: timeoutMs });
      const deadline = Date.now() + timeoutMs;
      let run: LitMapFrameRun | null = null;
      while (Date.now() < deadline && run === null) {
        // Runs in the page (a string: this file is type-checked for Node, not the DOM).
        run = await page.evaluate<LitMapFrameRun | null>(`(() => {
          const mark = performance.getEntriesByName('crosstalk:litmap-first-frame')[0];
          const req = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/litmap')).pop();
          if (!mark || !req) return null;
          return { requestToFrameMs: mark.startTime - req.startTime, requestMs: req.responseEnd - req.startTime, laidOutMs: null };
        })()`);
        if (run === null) await page.waitForTimeout(50);
      }
      while (run && run.laidOutMs === null && Date.now() < deadline) {
        run.laidOutMs = await page.evaluate<number | null>(`(() => {
          const mark = performance.getEntriesByName('crosstalk:litmap-laid-out')[0];
          const req = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/litmap')).pop();
          return mark && req ? mark.startTime - req.startTime : null;
        })()`);
        if (run.laidOutMs === null) await page.waitForTimeout(50);
      }
      if (run) out.push(run);
      else errors.push(`no map frame within ${timeoutMs / 1000} s`);
    } finally {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    }
  }
  if (out.length === 0) throw new Error(errors[0] ?? 'no run');
  return out;
}

/** The Chromium version, read from the user agent of the first page measured. */
let chromiumSeen: string | null = null;

/** The Chromium version seen by the first page measured, or null before any. */
export const chromiumVersion = (): string | null => chromiumSeen;
