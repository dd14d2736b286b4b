import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { ADMIN_PASSWORD, json, staffToken } from './api.js';
import { accessibilityProblems, launch, screenshot, signedIn } from './browser.js';

const backend = inject('backend');
let browser;
let admin;

beforeAll(async () => {
  browser = await launch();
  admin = await signedIn(browser, backend, { username: 'admin', password: ADMIN_PASSWORD });
});
afterAll(async () => {
  await json(backend.hotline, 'POST', '/_stub/faults', { down: false });
  await browser?.close();
});

async function callbacksOf(orderId) {
  const { data } = await json(backend.hotline, 'GET', '/_stub/callbacks');
  return data.filter((c) => c.orderId === orderId).map((c) => c.step);
}

describe('a 12345 工单 in the console', () => {
  test('staff sign for it in the case screen; while the platform is down the admin sees it waiting, gives up one the platform refuses, retries the other, and the platform hears it', async () => {
    const orderId = `E2E-${process.pid}`;
    await json(backend.hotline, 'POST', '/_stub/faults', { down: true });
    const { data: filed } = await json(backend.hotline, 'POST', '/_stub/orders', {
      orderId, category: '城市管理/市容环境/流动摊贩', description: '控制台测试:热线转来的占道经营',
      address: '焦作市中站区许衡街道人民路口', location: { lat: 35.2405, lng: 113.1681, datum: 'GCJ02' },
      reporter: { name: '张先生', phone: '13912340000' },
    });
    expect(filed.duplicate).toBe(false);

    await admin.goto(`${backend.url}/console/#/cases/${filed.trackingNo}`);
    await expect.poll(() => admin.locator('[data-test=case-source]').textContent(), { timeout: 15000 })
      .toContain(`12345 热线 · 工单号 ${orderId} · 来电人 张先生`);
    await admin.locator('[data-test=action-REGISTER]').click();
    await admin.locator('[data-test=confirm-action]').click();
    await expect.poll(() => admin.locator('[data-test=case-status]').textContent(), { timeout: 15000 }).toBe('已立案');

    // the sender runs every two seconds: the first try fails against the platform that is down
    await admin.goto(`${backend.url}/console/#/hotline`);
    const row = admin.locator('[data-test=hotline-table] .el-table__row', { hasText: filed.trackingNo });
    await expect.poll(async () => {
      await admin.locator('[data-test=hotline-refresh]').click();
      return (await row.count()) && row.textContent();
    }, { timeout: 20000, interval: 1000 }).toMatch(/签收[\s\S]*HTTP 503/);
    expect(await callbacksOf(orderId)).toEqual([]);

    // a second 工单 whose 签收 the platform will never take: the admin gives it up, with a reason
    const { data: refused } = await json(backend.hotline, 'POST', '/_stub/orders', { orderId: `${orderId}-R`, description: '控制台测试:平台拒收的签收' });
    const token = await staffToken(backend, 'admin', ADMIN_PASSWORD);
    expect((await json(backend.url, 'POST', `/api/v1/admin/complaints/${refused.trackingNo}/transitions`, { action: 'REGISTER' }, token)).status).toBe(200);
    const refusedRow = admin.locator('[data-test=hotline-table] .el-table__row', { hasText: refused.trackingNo });
    await expect.poll(async () => {
      await admin.locator('[data-test=hotline-refresh]').click();
      return (await refusedRow.count()) && refusedRow.textContent();
    }, { timeout: 20000, interval: 1000 }).toMatch(/HTTP 503/);
    await screenshot(admin, 'hotline');
    expect(await accessibilityProblems(admin)).toEqual([]);
    await admin.locator(`[data-test="skip-${refused.trackingNo}"]`).click();
    await admin.locator('.el-message-box__input input').fill('平台称该工单已办结,不再接收');
    await admin.locator('.el-message-box__btns .el-button--primary').click();
    await expect.poll(async () => {
      await admin.locator('[data-test=hotline-refresh]').click();
      return refusedRow.count();
    }, { timeout: 10000, interval: 1000 }).toBe(0);
    const { data: audit } = await json(backend.url, 'GET', '/api/v1/admin/audit?count=20', undefined, token);
    expect(audit.map((a) => a.entry)).toContainEqual(expect.objectContaining({ action: 'SKIP_PLATFORM_CALLBACK', trackingNo: refused.trackingNo,
      note: '平台称该工单已办结,不再接收' }));

    await json(backend.hotline, 'POST', '/_stub/faults', { down: false });
    await admin.locator(`[data-test="retry-${filed.trackingNo}"]`).click();
    await expect.poll(() => callbacksOf(orderId), { timeout: 20000, interval: 500 }).toEqual(['SIGNED']);
    expect(await callbacksOf(`${orderId}-R`)).toEqual([]);
    await expect.poll(async () => {
      await admin.locator('[data-test=hotline-refresh]').click();
      return row.count();
    }, { timeout: 10000, interval: 1000 }).toBe(0);
    expect(admin.problems).toEqual([]);
  });
});
