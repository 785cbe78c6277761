/**
 * A real browser for the console's end-to-end tests: Debian's Chromium (`/usr/bin/chromium`, or
 * `PRESTABRIDGE_CHROMIUM`) driven by playwright-core — never a browser downloaded by Playwright.
 * Without it the tests are skipped with a message saying how to get it, unless
 * `PRESTABRIDGE_REQUIRE_BROWSER=1` (CI), which makes them fail instead.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { type Browser, chromium, type Page } from 'playwright-core';

const executablePath = process.env.PRESTABRIDGE_CHROMIUM ?? '/usr/bin/chromium';
const requireBrowser = process.env.PRESTABRIDGE_REQUIRE_BROWSER === '1';

/** Why the browser tests cannot run here, or undefined when they can. */
export const browserProblem: string | undefined = existsSync(executablePath)
  ? undefined
  : `Chromium is not at ${executablePath}: install Debian's chromium package (apt-get install chromium) or set PRESTABRIDGE_CHROMIUM`;

if (browserProblem !== undefined) {
  if (requireBrowser) throw new Error(`${browserProblem}; PRESTABRIDGE_REQUIRE_BROWSER=1 requires it.`);
  console.warn(`⚠ ${browserProblem}: the console's browser tests are SKIPPED.`);
}

/** The built console: the browser tests run against what `npm run build` made. */
export const CONSOLE_DIR = resolve(import.meta.dirname, '..', '..', 'dist', 'ui');

export function assertConsoleBuilt(): void {
  if (!existsSync(join(CONSOLE_DIR, 'index.html')))
    throw new Error(
      `The console is not built (${CONSOLE_DIR}): run \`npm run build\` first (npm test does).`,
    );
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath,
    // As root in a container Chromium needs --no-sandbox; the rest keeps it off the (closed) network.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Screenshots for docs/console.md: written to `PRESTABRIDGE_SCREENSHOTS` (e.g. `docs/console`) when
 * set (`npm run screenshots`), otherwise to a temporary folder, so that a test run leaves the tree
 * as it was.
 */
const screenshotDir = process.env.PRESTABRIDGE_SCREENSHOTS
  ? resolve(process.env.PRESTABRIDGE_SCREENSHOTS)
  : join(tmpdir(), 'prestabridge-console-screenshots');

export async function screenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  // What is loading settles first: no "Loading…" left on the page, no notification over it.
  await page.waitForFunction("document.querySelectorAll('.loading').length === 0");
  for (const close of await page.getByRole('button', { name: 'Dismiss' }).all())
    await close.click({ timeout: 1000 }).catch(() => undefined); // gone by itself meanwhile
  // From the top: a page scrolled down draws its fixed header and navigation halfway in a full shot.
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: options.fullPage ?? true });
}
