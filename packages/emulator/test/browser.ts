// Debian's Chromium for the browser tests, driven by playwright-core. Where it is not installed,
// the tests are reported as skipped, by name.
import * as fs from 'fs';
import type { BrowserContext } from 'playwright-core';
import { chromium } from 'playwright-core';
import { tempDir } from './util';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = fs.existsSync(CHROMIUM);
/** `test` where Chromium is installed, `test.skip` elsewhere. */
export const browserTest = HAS_CHROMIUM ? test : test.skip;
/** Appended to the tests' names, so that a skipped test says why. */
export const SKIPPED = HAS_CHROMIUM ? '' : ` (skipped: no Chromium at ${CHROMIUM}; install Debian's chromium package)`;

/** Starts headless Chromium with a fresh profile (user data dir), with the flags that work on this machine. */
export function launchChromium(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(tempDir('chromium-'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}
