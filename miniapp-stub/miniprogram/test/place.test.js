const { installWx, open, settle, texts, text, tap, problem } = require('./harness');

const zone = {
  id: 'demo-vz-001', name: '普济路瓜果疏导区', kind: 'FRUIT', kindLabel: '瓜果疏导区', address: '焦作市中站区中原路10号',
  district: '中站区', subdistrict: '龙洞街道', location: { lat: 35.22641, lng: 113.15579 }, phone: '0391-2463221',
  hours: { MONDAY: ['06:00-22:00'], SATURDAY: ['06:00-12:00', '14:00-22:00'] }, season: '06-01..09-30',
  closures: [{ from: '2026-10-01', to: '2026-10-08', reason: '国庆节' }],
  goods: ['西瓜', '甜瓜'], stalls: 13, availability: { openNow: false, summary: '已关闭,2027年6月1日 06:00 开放' },
};

test('a vending zone with its week, season, closures and goods; call and navigate', async () => {
  const { calls } = installWx({ 'GET /api/v1/vending-zones/demo-vz-001': zone });
  const page = open('pages/place/detail', { kind: 'vending-zones', id: 'demo-vz-001' });
  await settle();
  expect(calls[0].path).toBe('/api/v1/vending-zones/demo-vz-001');
  expect(texts(page, '.hours-ranges')).toEqual(['06:00-22:00', '休息', '休息', '休息', '休息', '06:00-12:00、14:00-22:00', '休息']);
  expect(texts(page, '.season')).toEqual(['每年 6月1日 至 9月30日']);
  expect(texts(page, '.closure')).toEqual(['2026-10-01 至 2026-10-08(国庆节)']);
  expect(texts(page, '.thing')).toEqual(['西瓜', '甜瓜']);
  expect(text(page)).toContain('已关闭,2027年6月1日 06:00 开放');
  expect(wx.setNavigationBarTitle).toHaveBeenCalledWith({ title: '普济路瓜果疏导区' });
  await tap(page, '#call');
  expect(wx.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '0391-2463221' });
  await tap(page, '#navigate');
  expect(wx.openLocation).toHaveBeenCalledWith(expect.objectContaining({ latitude: 35.22641, longitude: 113.15579, name: '普济路瓜果疏导区' }));
});

test('a school post shows its duty windows instead of weekly hours', async () => {
  installWx({
    'GET /api/v1/school-posts/sp-1': {
      id: 'sp-1', name: '光明中学护学岗', schoolName: '光明中学', dutyUnit: '执法二中队', address: '普济路156号', district: '山阳区',
      subdistrict: '艺新街道', location: { lat: 35.2, lng: 113.2 }, dutyWindows: ['07:20-08:10', '17:20-18:10'],
      availability: { openNow: true, summary: '执勤中,08:10 结束' },
    },
  });
  const page = open('pages/place/detail', { kind: 'school-posts', id: 'sp-1' });
  await settle();
  expect(texts(page, '.duty')).toEqual(['07:20-08:10、17:20-18:10(上学日)']);
  expect(page.querySelectorAll('.hours-row')).toHaveLength(0);
  expect(page.querySelector('#call')).toBeUndefined();
});

test('a place that is gone says so', async () => {
  installWx({ 'GET /api/v1/stations/st-9': problem(404, 'not-found', '没有找到编号为 st-9 的服务站') });
  const page = open('pages/place/detail', { kind: 'stations', id: 'st-9' });
  expect(text(page)).toContain('正在加载');
  await settle();
  expect(text(page)).toContain('没有找到编号为 st-9 的服务站');
});
