// one page per test file: miniprogram-simulate registers a shared component (state) once per file
const { installWx, signedIn, open, settle, texts, text, tap, problem } = require('./harness');

function item(n, status, statusLabel) {
  return { trackingNo: 'JZ20261204-0000' + String(n).padStart(2, '0'), categoryName: '占道经营', status, statusLabel,
    description: '第 ' + n + ' 条', createdAt: '2026-12-04T09:1' + (n % 10) + ':00+08:00', deadline: '2999-01-01T00:00:00+08:00' };
}

test('my cases, newest first, more on scrolling, pull to refresh', async () => {
  const { storage, calls } = installWx({
    'GET /api/v1/complaints/mine?page=1&size=20': { items: Array.from({ length: 20 }, (_, i) => item(i + 1, 'RECEIVED', '已受理')), page: 1, size: 20, total: 21 },
    'GET /api/v1/complaints/mine?page=2&size=20': { items: [item(21, 'CLOSED', '已结案')], page: 2, size: 20, total: 21 },
  });
  signedIn(storage);
  const page = open('pages/complaint/list');
  expect(text(page)).toContain('正在加载');
  await settle();
  expect(texts(page, '.case')).toHaveLength(20);
  expect(texts(page, '.case-status')[0]).toBe('已受理');
  await page.instance.onReachBottom();
  await settle();
  expect(texts(page, '.case')).toHaveLength(21);
  expect(texts(page, '.case-status')[20]).toBe('已结案');
  expect(text(page)).toContain('没有更多了');
  await page.instance.onPullDownRefresh();
  expect(wx.stopPullDownRefresh).toHaveBeenCalled();
  expect(calls.filter((c) => c.path === '/api/v1/complaints/mine?page=1&size=20')).toHaveLength(2);
  await tap(page, '.case');
  expect(wx.navigateTo).toHaveBeenCalledWith({ url: '/pages/complaint/detail?no=JZ20261204-000001' });
});

test('no cases yet: an empty state that leads to reporting; followed cases on their own tab', async () => {
  const { storage } = installWx({
    'GET /api/v1/complaints/mine?page=1&size=20': { items: [], page: 1, size: 20, total: 0 },
    'GET /api/v1/complaints/following?page=1&size=20': { items: [item(9, 'DISPATCHED', '已派遣')], page: 1, size: 20, total: 1 },
  });
  signedIn(storage);
  const page = open('pages/complaint/list');
  await settle();
  expect(text(page)).toContain('您还没有反映过问题');
  await tap(page, '#go-report');
  expect(wx.switchTab).toHaveBeenCalledWith({ url: '/pages/report/index' });
  await tap(page, '#segment-following');
  await settle();
  expect(texts(page, '.case-status')).toEqual(['已派遣']);
});

test('an error loading the list is shown with a retry', async () => {
  const { storage } = installWx({ 'GET /api/v1/complaints/mine?page=1&size=20': problem(503, 'service-unavailable', '服务暂时不可用,请稍后再试') });
  signedIn(storage);
  const page = open('pages/complaint/list');
  await settle();
  expect(text(page)).toContain('服务暂时不可用,请稍后再试');
  expect(page.querySelector('#state').querySelector('#retry')).toBeDefined();
});

