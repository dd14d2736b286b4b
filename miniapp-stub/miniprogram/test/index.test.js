const { installWx, open, settle, texts, text, tap, problem } = require('./harness');

function station(id, name, distance, openNow) {
  return {
    distance,
    place: {
      id, name, address: '焦作市解放区民主路1号', district: '解放区', subdistrict: '民主街道',
      location: { lat: 35.24, lng: 113.16 }, services: ['投诉受理', '饮水休息'],
      availability: { openNow, summary: openNow ? '开放中,17:30 结束' : '已关闭,明天 08:30 开放' },
    },
  };
}

test('lists stations nearest first with open-now badges and the next opening', async () => {
  const { calls } = installWx({
    'GET /api/v1/stations/nearby': { items: [station('st-1', '民主街道服务站', 320, true), station('st-2', '焦南街道服务站', 1450, false)], radius: 3000 },
  });
  const page = open('pages/index/index');
  expect(text(page)).toContain('正在加载');
  await settle();
  expect(texts(page, '.place-name')).toEqual(['民主街道服务站', '焦南街道服务站']);
  expect(texts(page, '.place-distance')).toEqual(['320 米', '1.5 公里']);
  expect(texts(page, '.badge')).toEqual(['开放中', '已关闭']);
  expect(texts(page, '.place-summary')[1]).toBe('已关闭,明天 08:30 开放');
  expect(wx.getLocation).toHaveBeenCalledWith(expect.objectContaining({ type: 'gcj02' }));
  expect(calls[0].path).toMatch(/^\/api\/v1\/stations\/nearby\?lat=35\.240500&lng=113\.168000&radius=3000/);
  expect(calls[0].header.Authorization).toBeUndefined();
  expect(page.instance.data.markers).toHaveLength(2);
});

test('switching tabs asks for vending zones, and the filters reach the query', async () => {
  const { calls } = installWx({
    'GET /api/v1/stations/nearby': { items: [] },
    'GET /api/v1/vending-zones/nearby': { items: [] },
  });
  const page = open('pages/index/index');
  await settle();
  await tap(page, '#tab-vending-zones');
  await settle();
  page.instance.toggleOpenNow({ detail: { value: true } });
  await settle();
  page.instance.zoneKindChange({ detail: { value: '1' } });
  await settle();
  page.instance.goodsInput({ detail: { value: '西瓜' } });
  page.instance.goodsConfirm();
  await settle();
  const last = calls[calls.length - 1].path;
  expect(last).toContain('/api/v1/vending-zones/nearby');
  expect(last).toContain('openNow=true');
  expect(last).toContain('kind=FRUIT');
  expect(last).toContain('goods=' + encodeURIComponent('西瓜'));
  expect(text(page)).toContain('附近 3 公里内没有找到');
});

test('school posts filter on duty now with activeNow', async () => {
  const { calls } = installWx({ 'GET /api/v1/school-posts/nearby': { items: [] }, 'GET /api/v1/stations/nearby': { items: [] } });
  const page = open('pages/index/index');
  await settle();
  await tap(page, '#tab-school-posts');
  page.instance.toggleOpenNow({ detail: { value: true } });
  await settle();
  expect(calls[calls.length - 1].path).toContain('activeNow=true');
  expect(text(page)).toContain('只看执勤中');
});

test('a refused location falls back to the city centre with a notice, and choosing a place reloads there', async () => {
  const { calls } = installWx({ 'GET /api/v1/stations/nearby': { items: [station('st-1', '民主街道服务站', 320, true)] } });
  wx.getLocation.mockImplementation(({ fail }) => setTimeout(() => fail({ errMsg: 'getLocation:fail auth deny' }), 0));
  wx.chooseLocation.mockImplementation(({ success }) => success({ latitude: 35.1, longitude: 113.3, name: '某地' }));
  const page = open('pages/index/index');
  await settle();
  expect(text(page)).toContain('未获得您的位置,正在显示焦作市中心附近');
  expect(calls[0].path).toContain('lat=35.215000&lng=113.242000');
  expect(texts(page, '.place-name')).toEqual(['民主街道服务站']);
  await tap(page, '#choose-location');
  await settle();
  expect(text(page)).not.toContain('未获得您的位置');
  expect(calls[calls.length - 1].path).toContain('lat=35.100000&lng=113.300000');
});

test('an error shows the backend\'s Chinese detail and retries', async () => {
  let fail = true;
  installWx({
    'GET /api/v1/stations/nearby': () => (fail ? problem(503, 'service-unavailable', '服务暂时不可用,请稍后再试') : { items: [station('st-1', '民主街道服务站', 10, true)] }),
  });
  const page = open('pages/index/index');
  await settle();
  expect(text(page)).toContain('服务暂时不可用,请稍后再试');
  fail = false;
  await tap(page.querySelector('#state'), '#retry');
  await settle();
  expect(texts(page, '.place-name')).toEqual(['民主街道服务站']);
});

test('offline says so in plain words', async () => {
  installWx({}, { offline: () => true });
  const page = open('pages/index/index');
  await settle();
  expect(text(page)).toContain('网络连接失败,请检查网络后重试');
});

test('tapping a place opens its detail page', async () => {
  installWx({ 'GET /api/v1/stations/nearby': { items: [station('demo-st-001', '许衡街道服务站', 100, true)] } });
  const page = open('pages/index/index');
  await settle();
  await tap(page, '.place');
  expect(wx.navigateTo).toHaveBeenCalledWith({ url: '/pages/place/detail?kind=stations&id=demo-st-001' });
});
