import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { ADMIN_PASSWORD, json, report, resident, staffToken } from './api.js';
import { accessibilityProblems, launch, login, openConsole, screenshot } from './browser.js';

const backend = inject('backend');
let browser;
let admin;
let token;

beforeAll(async () => {
  browser = await launch();
  token = await staffToken(backend, 'admin', ADMIN_PASSWORD);
  await report(backend, await resident(backend), { description: '控制台测试:态势图上的诉求' });
  admin = await openConsole(browser, backend);
  await login(admin, 'admin', ADMIN_PASSWORD);
  await admin.waitForURL(/#\/cases/);
});
afterAll(async () => {
  await browser?.close();
});

async function visit(hash, ready) {
  await admin.goto(`${backend.url}/console/#/${hash}`);
  await admin.locator(ready).first().waitFor({ timeout: 15000 });
  await settled();
}

/** Lazy chunks, charts and the loading masks' fade-out done: the picture and the audit see the final page. */
async function settled() {
  await admin.waitForLoadState('networkidle');
  await expect.poll(() => admin.locator('.el-loading-mask').count()).toBe(0);
  // Element Plus fades colours over 0.3 s after a click: axe measuring mid-fade saw a blend of the old and new
  // colours, an unreadable contrast no one ever sees at rest
  await admin.evaluate(() => Promise.all(document.getAnimations()
    .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
    .map((a) => a.finished.catch(() => undefined))));
}

describe('every main screen renders, passes axe, and is pictured for the README', () => {
  test.each([
    ['map', 'map', '.leaflet-marker-icon'],
    ['listings', 'listings', '.el-table__row'],
    ['surveys', 'surveys', '.el-table'],
    ['staff', 'staff', '.el-table__row'],
    ['audit', 'audit', '.el-table__row'],
  ])('%s', async (name, hash, ready) => {
    await visit(hash, ready);
    await screenshot(admin, name);
    expect(await accessibilityProblems(admin)).toEqual([]);
    expect(admin.problems).toEqual([]);
  });

  test('考核 shows the numbers of /api/v1/admin/stats/rates', async () => {
    // the backend goes on counting the events of the earlier test files' cases: compare the screen with the API only
    // when the API answered the same just before the screen loaded and just after it was read (counts only grow)
    const rates = async () => (await json(backend.url, 'GET', '/api/v1/admin/stats/rates?groupBy=CITY', undefined, token))
      .data.rows[0];
    let city;
    let shown;
    for (let attempt = 0; attempt < 10 && city === undefined; attempt += 1) {
      const before = await rates();
      await visit('stats', '[data-test=rates] .el-table__row');
      await admin.locator('.el-radio-button', { hasText: '全市' }).click();
      await settled();
      shown = await admin.locator('[data-test=rates] .el-table__body-wrapper .el-table__row').first().locator('td').allTextContents();
      const after = await rates();
      if (JSON.stringify(before) === JSON.stringify(after)) {
        city = after;
      } else {
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
    expect(city, 'the rates stood still while the screen was read').toBeDefined();
    const pct = (r) => (r == null ? '—' : `${(r * 100).toFixed(1)}%`);
    expect(shown.map((t) => t.trim())).toEqual(['全市', String(city.received), pct(city.responseRate), pct(city.resolutionRate),
      pct(city.satisfactionRate), String(city.answered), String(city.dueToClose), pct(city.closureRate), pct(city.onTimeClosureRate),
      pct(city.reworkRate)]);
    await screenshot(admin, 'stats');
    expect(await accessibilityProblems(admin)).toEqual([]);
  });

  test('大屏 shows today\'s figures from the API, live', async () => {
    await admin.goto(`${backend.url}/console/#/wall`);
    const { data } = await json(backend.url, 'GET', '/api/v1/admin/complaints?page=1&size=1&alert=RED', undefined, token);
    await expect.poll(() => admin.locator('[data-test=wall-overdue]').textContent(), { timeout: 15000 }).toBe(String(data.total));
    const { data: all } = await json(backend.url, 'GET', '/api/v1/admin/complaints?page=1&size=1', undefined, token);
    const open = ['RECEIVED', 'REGISTERED', 'DISPATCHED', 'HANDLED', 'VERIFIED', 'REOPENED'].reduce((sum, st) => sum + all.counts[st], 0);
    await expect.poll(() => admin.locator('[data-test=wall-open]').textContent()).toBe(String(open));
    const before = Number(await admin.locator('[data-test=wall-received]').textContent());
    await report(backend, await resident(backend), { description: '控制台测试:大屏实时刷新' });
    await expect.poll(() => admin.locator('[data-test=wall-received]').textContent(), { timeout: 15000 }).toBe(String(before + 1));
    await settled();
    await screenshot(admin, 'wall');
    expect(await accessibilityProblems(admin)).toEqual([]);
  });
});

describe('listings', () => {
  test('an admin changes a station\'s opening hours in the weekly editor; the API has them, with a new version', async () => {
    const { data: before, etag } = await json(backend.url, 'GET', '/api/v1/admin/stations/demo-st-002', undefined, token);
    await visit('listings', '.el-table__row');
    await admin.locator('.el-table__row', { hasText: before.name }).getByRole('button', { name: '编辑' }).click();
    await admin.locator('#h-SATURDAY').fill('09:30-11:30');
    await admin.locator('#h-SUNDAY').fill('');
    await admin.locator('[data-test=save-listing]').click();
    await expect.poll(() => admin.locator('.el-dialog .el-alert__title').count()).toBe(0);
    await expect.poll(async () => (await json(backend.url, 'GET', '/api/v1/admin/stations/demo-st-002', undefined, token)).data.hours.SATURDAY)
      .toEqual(['09:30-11:30']);
    const { data: after, etag: newEtag } = await json(backend.url, 'GET', '/api/v1/admin/stations/demo-st-002', undefined, token);
    expect(after.hours.SUNDAY).toBeUndefined();
    expect(after.hours.MONDAY).toEqual(before.hours.MONDAY);
    expect(newEtag).not.toBe(etag);
  });

  test('a bad time range is refused in the editor in Chinese, nothing is sent', async () => {
    await visit('listings', '.el-table__row');
    await admin.locator('.el-table__row').first().getByRole('button', { name: '编辑' }).click();
    await admin.locator('#h-MONDAY').fill('8点到12点');
    await admin.locator('[data-test=save-listing]').click();
    await expect.poll(() => admin.locator('.el-dialog .el-alert__title').textContent()).toContain('格式应为 08:30-12:00');
  });
});
