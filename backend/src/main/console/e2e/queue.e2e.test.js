import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { ADMIN_PASSWORD, STAFF, json, report, resident, staffToken } from './api.js';
import { accessibilityProblems, launch, login, openConsole, screenshot } from './browser.js';

const backend = inject('backend');
let browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('login', () => {
  test('a wrong password is refused in the server\'s words, and the page stays on the login screen', async () => {
    const page = await openConsole(browser, backend);
    await login(page, STAFF.dispatcher.username, 'not-the-password');
    await expect.poll(() => page.locator('[data-test=login-error]').textContent()).toMatch(/用户名或密码/);
    expect(page.url()).toContain('#/login');
    await screenshot(page, 'login');
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(page.problems).toEqual([]);
    await page.context().close();
  });
});

describe('the case queue', () => {
  test('a dispatcher sees a new resident report appear live, registers and dispatches it', async () => {
    const page = await openConsole(browser, backend);
    await login(page, STAFF.dispatcher.username, STAFF.dispatcher.password);
    await page.waitForURL(/#\/cases/);
    // LIVE-CHECK await expect.poll(() => page.locator('[data-test=live-mode]').textContent(), { timeout: 15000 }).toContain('实时');

    const token = await resident(backend);
    const filed = await report(backend, token, { description: '控制台测试:北环路人行道占道经营' });
    const row = page.getByText(filed.trackingNo, { exact: true });
    await row.waitFor({ timeout: 15000 });
    await screenshot(page, 'queue');
    expect(await accessibilityProblems(page)).toEqual([]);

    await row.click();
    await page.waitForURL(new RegExp(`#/cases/${filed.trackingNo}`));
    await page.locator('[data-test=action-REGISTER]').click();
    await page.locator('[data-test=confirm-action]').click();
    await expect.poll(() => page.locator('[data-test=case-status]').textContent()).toBe('已立案');
    await page.locator('[data-test=action-DISPATCH]').click();
    await page.locator('[data-test=confirm-action]').click();
    await expect.poll(() => page.locator('[data-test=case-status]').textContent()).toBe('已派遣');
    await screenshot(page, 'case');
    expect(await accessibilityProblems(page)).toEqual([]);

    const { data: seen } = await json(backend.url, 'GET', `/api/v1/complaints/${filed.trackingNo}`, undefined, token);
    expect(seen.timeline.map((s) => s.status)).toEqual(expect.arrayContaining(['REGISTERED', 'DISPATCHED']));
    expect(page.problems).toEqual([]);
    await page.context().close();
  });
});
