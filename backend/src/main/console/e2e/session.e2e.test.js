import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { ADMIN_PASSWORD, STAFF, json, report, resident, staffToken } from './api.js';
import { launch, login, openConsole, signedIn as signedInAs } from './browser.js';

const backend = inject('backend');
let browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const signedIn = (who) => signedInAs(browser, backend, who);

describe('the session', () => {
  test('repeated wrong passwords lock the account; the screen says for how many minutes', async () => {
    const page = await openConsole(browser, backend);
    for (let i = 0; i < 6; i++) {
      await login(page, STAFF.careless.username, `wrong-${i}`);
      await page.locator('[data-test=login-error]').waitFor();
    }
    await expect.poll(() => page.locator('[data-test=login-error]').textContent()).toMatch(/已锁定.*\d+ 分钟/);
    await page.context().close();
  });

  test('the token lives in sessionStorage only, and a session ended on the server sends the screen back to login', async () => {
    const page = await signedIn(STAFF.dispatcher);
    const token = await page.evaluate(() => sessionStorage.getItem('cs.console.token'));
    expect(token).toMatch(/.{20,}/);
    expect(await page.evaluate(() => document.cookie)).toBe('');
    expect(page.url()).not.toContain(token);
    expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain(token);
    // the session ends elsewhere (an admin, expiry, a password change): the next call is a 401
    expect((await json(backend.url, 'POST', '/api/v1/auth/logout', undefined, token)).status).toBe(204);
    await page.getByRole('menuitem', { name: '回访' }).click();
    await page.waitForURL(/#\/login/);
    await expect.poll(() => page.locator('.el-alert__title').first().textContent()).toContain('登录已失效');
    await page.context().close();
  });

  test('退出 ends the session on the server too', async () => {
    const page = await signedIn(STAFF.dispatcher);
    const token = await page.evaluate(() => sessionStorage.getItem('cs.console.token'));
    await page.locator('[data-test=logout]').click();
    await page.waitForURL(/#\/login/);
    expect(await page.evaluate(() => sessionStorage.getItem('cs.console.token'))).toBeNull();
    expect((await json(backend.url, 'GET', '/api/v1/admin/me', undefined, token)).status).toBe(401);
    await page.context().close();
  });

  test('a staff member changes their own password; the new one opens the console', async () => {
    const page = await signedIn(STAFF.renamer);
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.locator('#current-password').fill(STAFF.renamer.password);
    await page.locator('#new-password').fill('Renamed-2026-new');
    await page.getByRole('button', { name: '确定' }).click();
    await expect.poll(() => page.locator('.el-message').first().textContent()).toContain('密码已修改');
    expect(await staffToken(backend, STAFF.renamer.username, 'Renamed-2026-new')).toMatch(/.{20,}/);
    await page.context().close();
  });
});

describe('what staff look up', () => {
  test('the full contact phone is shown only after a confirmation, and the look is in the audit log', async () => {
    const filed = await report(backend, await resident(backend), { description: '控制台测试:需要回电的诉求', contactPhone: '13912345678' });
    const page = await signedIn(STAFF.dispatcher);
    await page.goto(`${backend.url}/console/#/cases/${filed.trackingNo}`);
    await expect.poll(() => page.locator('[data-test=contact-phone]').textContent()).toBe('139****5678');
    await page.locator('[data-test=reveal-phone]').click();
    await page.getByRole('button', { name: '查看', exact: true }).click();
    await expect.poll(() => page.locator('[data-test=contact-phone]').textContent()).toBe('13912345678');
    const admin = await staffToken(backend, 'admin', ADMIN_PASSWORD);
    const { data: audit } = await json(backend.url, 'GET', '/api/v1/admin/audit?count=20', undefined, admin);
    expect(audit.map((a) => a.entry)).toContainEqual(expect.objectContaining({ action: 'VIEW_CONTACT_PHONE', trackingNo: filed.trackingNo,
      actor: STAFF.dispatcher.username }));
    await page.context().close();
  });

  test('导出 CSV downloads the shown table as UTF-8 with a byte-order mark, in Chinese', async () => {
    const page = await openConsole(browser, backend);
    await login(page, 'admin', ADMIN_PASSWORD);
    await page.waitForURL(/#\/cases/);
    await page.goto(`${backend.url}/console/#/stats`);
    await page.locator('[data-test=rates] .el-table__row').first().waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=export]').click()]);
    const bytes = fs.readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toBe('街道,受理量,响应率,解决率,满意率,回访数,应结案,结案率,按期结案率,返工率');
    expect(download.suggestedFilename()).toMatch(/^考核_街道_.*\.csv$/);
    await page.context().close();
  });
});
