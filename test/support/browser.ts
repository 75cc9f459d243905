/**
 * Headless Chromium for end-to-end tests (Debian's `chromium`, driven by playwright-core).
 * WebGL is software-rendered (SwiftShader). Without Chromium, tests fail under CI=true and are
 * skipped elsewhere with one line saying how to enable them.
 */
import { existsSync } from 'node:fs';
import { chromium, type BrowserContext } from 'playwright-core';
import { tempDir } from './temp';

/** Where Debian installs Chromium (override with CHROMIUM_PATH). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** True when a Chromium binary is present. */
export function hasChromium(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/** Throws under CI, or prints one line and returns false, when Chromium is missing. */
export function requireChromium(): boolean {
  if (hasChromium()) return true;
  const msg = `Chromium not found at ${CHROMIUM_PATH}: browser tests need it (apt-get install chromium, or set CHROMIUM_PATH).`;
  if (process.env.CI) throw new Error(msg);
  console.warn(`SKIPPING browser tests — ${msg}`);
  return false;
}

/** Launches a fresh headless Chromium with its own profile. */
export async function launchBrowser(): Promise<BrowserContext> {
  const profile = await tempDir('crosstalk-chromium-');
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
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
}
