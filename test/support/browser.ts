/// <reference lib="dom" />
import { Browser, chromium, Page } from 'playwright-core';

/** Debian's Chromium on this closed network: no sandbox (containers), no GPU, no calls home. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Every console error and Content-Security-Policy violation of a page, collected from its start. */
export async function watchProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`script: ${e.message}`));
  await page.exposeFunction('reportCspViolation', (text: string) => problems.push(`csp: ${text}`));
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { reportCspViolation: (t: string) => void }).reportCspViolation(`${e.violatedDirective} ${e.blockedURI}`)),
  );
  return problems;
}

/** Waits until the page's script has settled on a state (ready, empty, error or key). */
export async function settled(page: Page, state: string): Promise<void> {
  await page.waitForSelector(`body[data-state="${state}"]`, { timeout: 30_000 });
}
