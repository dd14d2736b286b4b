// Debian's Chromium, headless, driven by playwright-core (which never downloads a browser).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SCREENSHOTS = path.join(here, '../../../../../docs/console');
const AXE = fs.readFileSync(path.join(here, '../node_modules/axe-core/axe.min.js'), 'utf8');

export function chromiumPath() {
  for (const candidate of [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) {
    if (candidate && fs.existsSync(candidate)) return candidate;
  }
  throw new Error('no Chromium found: apt-get install chromium fonts-wqy-zenhei (.ci/run does), or set CHROMIUM');
}

export function launch() {
  return chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
}

/** A fresh browser context (its own sessionStorage) with a page that fails the test on CSP violations or page errors. */
export async function openConsole(browser, backend) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content.Security.Policy|Refused to/i.test(m.text())) page.problems.push(m.text());
  });
  await page.goto(`${backend.url}/console/`);
  return page;
}

export async function login(page, username, password) {
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/** A console opened and logged into as `who`, on the queue. */
export async function signedIn(browser, backend, who) {
  const page = await openConsole(browser, backend);
  await login(page, who.username, who.password);
  await page.waitForURL(/#\/cases/);
  return page;
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function accessibilityProblems(page) {
  // a toast fading in or out is judged at its momentary opacity: let them go first
  await page.locator('.el-message').first().waitFor({ state: 'detached', timeout: 10000 }).catch(() => {});
  // evaluated over the DevTools protocol: an injected <script> would be (rightly) refused by the page's CSP
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => globalThis.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

export async function screenshot(page, name) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  // the picture shows the screen, not a dialog or a toast on its way out
  await page.locator('.el-message').first().waitFor({ state: 'detached', timeout: 10000 }).catch(() => {});
  await page.waitForFunction(() => [...document.querySelectorAll('.el-overlay')].every((e) => getComputedStyle(e).display === 'none'),
    null, { timeout: 10000 }).catch(() => {});
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}
