import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { ADMIN_PASSWORD, STAFF, json, report, resident } from './api.js';
import { accessibilityProblems, launch, login, openConsole, screenshot, signedIn as signedInAs } from './browser.js';

const backend = inject('backend');
let browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const signedIn = (who) => signedInAs(browser, backend, who);

async function take(page, action, { note, photo } = {}) {
  await page.locator(`[data-test=action-${action}]`).click();
  if (note) await page.locator('#action-note').fill(note);
  if (photo) {
    // a real PNG, drawn by the browser itself
    const base64 = await page.evaluate(() => {
      const canvas = document.createElement('canvas');
      canvas.width = 64;
      canvas.height = 48;
      const g = canvas.getContext('2d');
      g.fillStyle = '#3a7';
      g.fillRect(0, 0, 64, 48);
      return canvas.toDataURL('image/png').split(',')[1];
    });
    await page.locator('[data-test=after-photos]').setInputFiles({ name: 'after.png', mimeType: 'image/png', buffer: Buffer.from(base64, 'base64') });
  }
  await page.locator('[data-test=confirm-action]').click();
}

const status = (page) => page.locator('[data-test=case-status]').textContent();

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

describe('the closed loop in the console', () => {
  test('dispatcher registers and dispatches a report that appeared live; the station handles it with a photo; '
    + 'the dispatcher verifies and closes; the resident sees every step', async () => {
    const dispatcher = await signedIn(STAFF.dispatcher);
    await expect.poll(() => dispatcher.locator('[data-test=live-mode]').textContent(), { timeout: 15000 }).toContain('实时');

    const token = await resident(backend);
    const filed = await report(backend, token, { description: '控制台测试:北环路人行道占道经营' });
    const row = dispatcher.getByText(filed.trackingNo, { exact: true });
    // no reload: the event stream brings it
    await row.waitFor({ timeout: 10000 });
    await screenshot(dispatcher, 'queue');
    expect(await accessibilityProblems(dispatcher)).toEqual([]);

    await row.click();
    await dispatcher.waitForURL(new RegExp(`#/cases/${filed.trackingNo}`));
    await take(dispatcher, 'REGISTER');
    await expect.poll(() => status(dispatcher)).toBe('已立案');
    await take(dispatcher, 'DISPATCH');
    await expect.poll(() => status(dispatcher)).toBe('已派遣');
    // a dispatcher does not handle: the server does not offer it to them
    expect(await dispatcher.locator('[data-test=action-VERIFY]').count()).toBe(0);

    const station = await signedIn(STAFF.xuheng);
    await station.getByText(filed.trackingNo, { exact: true }).click();
    await expect.poll(() => station.locator('[data-test=actions] button').allTextContents()).toEqual(['处置']);
    await take(station, 'HANDLE', { note: '已劝离摊贩,恢复通行', photo: true });
    await expect.poll(() => status(station)).toBe('已处置');
    await expect.poll(() => station.locator('[data-test=timeline] img').count(), { timeout: 10000 }).toBe(1);
    await screenshot(station, 'case');
    expect(await accessibilityProblems(station)).toEqual([]);

    await dispatcher.reload();
    await take(dispatcher, 'VERIFY');
    await expect.poll(() => status(dispatcher)).toBe('已核查');
    await take(dispatcher, 'CLOSE');
    await expect.poll(() => status(dispatcher)).toBe('已结案');

    const { data: seen } = await json(backend.url, 'GET', `/api/v1/complaints/${filed.trackingNo}`, undefined, token);
    expect(seen.status).toBe('CLOSED');
    expect(seen.timeline.map((s) => s.status)).toEqual(['RECEIVED', 'REGISTERED', 'DISPATCHED', 'HANDLED', 'VERIFIED', 'CLOSED']);
    expect(seen.timeline.find((s) => s.status === 'HANDLED').note).toBe('已劝离摊贩,恢复通行');
    expect(dispatcher.problems).toEqual([]);
    expect(station.problems).toEqual([]);
    await dispatcher.context().close();
    await station.context().close();
  });

  test('a station\'s staff member neither sees nor opens another station\'s case', async () => {
    const filed = await report(backend, await resident(backend), { description: '控制台测试:只属于许衡街道服务站的诉求' });
    const other = await signedIn(STAFF.other);
    await expect.poll(() => other.locator('[data-test=total]').textContent()).toMatch(/共 \d+ 件/);
    expect(await other.getByText(filed.trackingNo, { exact: true }).count()).toBe(0);
    await other.goto(`${backend.url}/console/#/cases/${filed.trackingNo}`);
    await expect.poll(() => other.locator('[data-test=case-error]').textContent()).toContain('没有找到这件工单');
    const mine = await signedIn(STAFF.xuheng);
    await mine.getByText(filed.trackingNo, { exact: true }).waitFor();
    await other.context().close();
    await mine.context().close();
  });

  test('two dispatchers move the same case: the second is told it changed, sees the new state, and nothing is lost', async () => {
    const filed = await report(backend, await resident(backend), { description: '控制台测试:两人同时办理' });
    const [first, second] = [await signedIn(STAFF.dispatcher), await signedIn(STAFF.dispatcher)];
    for (const page of [first, second]) {
      await page.goto(`${backend.url}/console/#/cases/${filed.trackingNo}`);
      await expect.poll(() => status(page)).toBe('已受理');
    }
    await take(first, 'REGISTER');
    await expect.poll(() => status(first)).toBe('已立案');
    await take(second, 'REJECT', { note: '重复反映' });
    await expect.poll(() => second.locator('[data-test=case-notice]').textContent()).toContain('刚被其他人办理过');
    await expect.poll(() => status(second)).toBe('已立案');
    const token = await json(backend.url, 'POST', '/api/v1/admin/auth/login', { username: STAFF.dispatcher.username, password: STAFF.dispatcher.password });
    const { data } = await json(backend.url, 'GET', `/api/v1/admin/complaints/${filed.trackingNo}`, undefined, token.data.token);
    expect(data.status).toBe('REGISTERED');
    expect(data.timeline.map((s) => s.action).filter(Boolean)).not.toContain('REJECT');
    await first.context().close();
    await second.context().close();
  });

  test('a dispatcher merges a duplicate into the earlier case; its reporter then follows the earlier one', async () => {
    const first = await report(backend, await resident(backend), { description: '控制台测试:同一处占道,先报' });
    const later = await resident(backend);
    const duplicate = await report(backend, later, { description: '控制台测试:同一处占道,后报' });
    const page = await signedIn(STAFF.dispatcher);
    await page.goto(`${backend.url}/console/#/cases/${duplicate.trackingNo}`);
    await page.locator('[data-test=action-MERGE]').click();
    await page.locator('#merge-into').fill(first.trackingNo);
    await page.locator('[data-test=confirm-action]').click();
    await expect.poll(() => status(page)).toBe('已退回');
    await expect.poll(() => page.locator('[data-test=timeline]').textContent()).toContain(`已合并至 ${first.trackingNo}`);
    const { data: following } = await json(backend.url, 'GET', '/api/v1/complaints/following', undefined, later);
    expect(JSON.stringify(following)).toContain(first.trackingNo);
    await page.context().close();
  });

  test('an admin re-routes a case to another station with a reason; that station\'s staff then finds it', async () => {
    const filed = await report(backend, await resident(backend), { description: '控制台测试:应由上白作街道处理' });
    const page = await openConsole(browser, backend);
    await login(page, 'admin', ADMIN_PASSWORD);
    await page.waitForURL(/#\/cases/);
    await page.goto(`${backend.url}/console/#/cases/${filed.trackingNo}`);
    await page.locator('[data-test=action-REROUTE]').click();
    await page.locator('#reroute-station').click();
    await page.locator('.el-select-dropdown__item', { hasText: '上白作街道社区城管服务站' }).click();
    await page.locator('#action-note').fill('位置在上白作街道辖区');
    await page.locator('[data-test=confirm-action]').click();
    await expect.poll(() => page.locator('.el-descriptions').textContent()).toContain('上白作街道社区城管服务站');
    const other = await signedIn(STAFF.other);
    await other.getByText(filed.trackingNo, { exact: true }).waitFor({ timeout: 15000 });
    await page.context().close();
    await other.context().close();
  });
});
