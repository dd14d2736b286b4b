const { installWx, signedIn, open, settle, texts, text, tap, problem } = require('./harness');

const detail = {
  trackingNo: 'JZ20261204-000001', category: 'street-vending', categoryName: '占道经营', status: 'HANDLED', statusLabel: '已处置',
  description: '人民路口有人占道卖水果', address: '人民路口', photos: ['/api/v1/uploads/ph-aaaaaaaaaaaaaaaaaaaa'], stationName: '许衡街道服务站',
  deadline: '2000-01-01T00:00:00+08:00', createdAt: '2026-12-04T09:10:00+08:00', followers: 2,
  timeline: [
    { at: '2026-12-04T09:10:00+08:00', status: 'RECEIVED', statusLabel: '已受理', by: '您', note: null, photos: [] },
    { at: '2026-12-04T10:00:00+08:00', status: 'HANDLED', statusLabel: '已处置', by: '城管工作人员', note: '已劝离', photos: ['/api/v1/uploads/ph-bbbbbbbbbbbbbbbbbbbb'] },
  ],
};

test('one case: timeline newest first, deadline past shown as late, before and after photos fetched with the session', async () => {
  const { storage, calls } = installWx({ 'GET /api/v1/complaints/JZ20261204-000001': detail });
  signedIn(storage);
  const page = open('pages/complaint/detail', { no: 'JZ20261204-000001' });
  await settle(12);
  expect(texts(page, '.step-status')).toEqual(['已处置', '已受理']);
  expect(texts(page, '.step-note')).toEqual(['已劝离']);
  expect(text(page)).toContain('已超时');
  expect(text(page)).toContain('2 位居民附议');
  const downloads = calls.filter((c) => c.method === 'DOWNLOAD');
  expect(downloads.map((d) => d.path).sort()).toEqual(['/api/v1/uploads/ph-aaaaaaaaaaaaaaaaaaaa', '/api/v1/uploads/ph-bbbbbbbbbbbbbbbbbbbb']);
  expect(downloads[0].header.Authorization).toBe('Bearer stored-token');
  expect(page.querySelectorAll('.before-photo')).toHaveLength(1);
  expect(page.querySelectorAll('.after-photo')).toHaveLength(1);
});

test('a closed case with its survey to answer leads to the survey page', async () => {
  const { storage } = installWx({
    'GET /api/v1/complaints/JZ1': Object.assign({}, detail, { trackingNo: 'JZ1', status: 'CLOSED', statusLabel: '已结案', photos: [], timeline: [],
      survey: { id: 'sv-JZ1-6', status: 'SENT', answerable: true } }),
  });
  signedIn(storage);
  const page = open('pages/complaint/detail', { no: 'JZ1' });
  await settle();
  expect(text(page)).not.toContain('办理时限');
  await tap(page, '#answer-survey');
  expect(wx.navigateTo).toHaveBeenCalledWith({ url: '/pages/survey/index?id=sv-JZ1-6' });
});

test('someone else\'s or an unknown case reads as not found', async () => {
  const { storage } = installWx({ 'GET /api/v1/complaints/JZ404': problem(404, 'not-found', '没有找到受理编号为 JZ404 的诉求') });
  signedIn(storage);
  const page = open('pages/complaint/detail', { no: 'JZ404' });
  await settle();
  expect(text(page)).toContain('没有找到这条反映');
});
