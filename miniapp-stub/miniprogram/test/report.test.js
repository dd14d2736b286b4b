const { installWx, signedIn, open, settle, texts, text, tap, problem } = require('./harness');

const categories = [
  { code: 'street-vending', name: '占道经营', group: '市容环境' },
  { code: 'exposed-rubbish', name: '暴露垃圾', group: '环卫' },
];

function filed(no) {
  return { statusCode: 201, data: { trackingNo: no, status: 'RECEIVED', statusLabel: '已受理', deadline: '2026-12-05T17:30:00+08:00', stationName: '许衡街道服务站' } };
}

function routes(extra = {}) {
  return Object.assign(
    {
      'GET /api/v1/complaint-categories': categories,
      'GET /api/v1/complaints/nearby': { items: [] },
      'POST /api/v1/uploads': (req) => ({ statusCode: 201, data: { id: 'ph-' + req.filePath.slice(-1).repeat(20), url: '/api/v1/uploads/x' } }),
    },
    extra
  );
}

async function fillIn(page) {
  page.instance.categoryChange({ detail: { value: '0' } });
  page.instance.describe({ detail: { value: '人民路口有人占道卖水果' } });
  await settle();
}

test('the category picker lists the backend\'s categories and the counter counts', async () => {
  const { storage } = installWx(routes());
  signedIn(storage);
  const page = open('pages/report/index');
  await settle();
  expect(page.instance.data.categories.map((c) => c.label)).toEqual(['市容环境 · 占道经营', '环卫 · 暴露垃圾']);
  await fillIn(page);
  expect(texts(page, '.category-value')).toEqual(['市容环境 · 占道经营 ▾']);
  expect(texts(page, '.counter')).toEqual(['11/500']);
});

test('missing parts are named before anything is sent', async () => {
  const { storage, calls } = installWx(routes());
  signedIn(storage);
  wx.getLocation.mockImplementation(({ fail }) => fail({ errMsg: 'getLocation:fail auth deny' }));
  const page = open('pages/report/index');
  await settle();
  await tap(page, '#submit');
  expect(texts(page, '.form-error')).toEqual(['请选择问题类型']);
  await fillIn(page);
  await tap(page, '#submit');
  expect(texts(page, '.form-error')).toEqual(['请选择问题位置']);
  expect(calls.filter((c) => c.path === '/api/v1/complaints')).toHaveLength(0);
});

test('photos upload with progress, at most six, and their ids go with the report', async () => {
  const { storage, calls } = installWx(routes({ 'POST /api/v1/complaints': filed('JZ20261204-000001') }));
  signedIn(storage);
  wx.chooseMedia.mockImplementation(({ count, success }) =>
    success({ tempFiles: Array.from({ length: count }, (_, i) => ({ tempFilePath: 'wxfile://photo' + i })) })
  );
  const page = open('pages/report/index');
  await settle();
  await fillIn(page);
  await tap(page, '#add-photo');
  await settle(30);
  expect(wx.chooseMedia).toHaveBeenCalledWith(expect.objectContaining({ count: 6, mediaType: ['image'] }));
  expect(page.instance.data.photos.map((p) => p.id)).toEqual(['ph-' + '0'.repeat(20), 'ph-' + '1'.repeat(20), 'ph-' + '2'.repeat(20),
    'ph-' + '3'.repeat(20), 'ph-' + '4'.repeat(20), 'ph-' + '5'.repeat(20)]);
  const uploads = calls.filter((c) => c.method === 'UPLOAD');
  expect(uploads).toHaveLength(6);
  expect(uploads[0].header.Authorization).toBe('Bearer stored-token');
  expect(page.querySelector('#add-photo')).toBeUndefined();
  page.instance.choosePhotos();
  expect(wx.showToast).toHaveBeenCalledWith({ title: '最多 6 张照片', icon: 'none' });
  expect(wx.chooseMedia).toHaveBeenCalledTimes(1);
  await tap(page, '#submit');
  const sent = calls.find((c) => c.path === '/api/v1/complaints');
  expect(sent.data.photos).toHaveLength(6);
  expect(sent.data.location).toEqual({ lat: 35.2405, lng: 113.168 });
  expect(text(page)).toContain('受理编号:JZ20261204-000001');
});

test('an upload shows its progress while it goes and a failed one can be retried', async () => {
  let failUpload = true;
  const { storage } = installWx(routes({
    'POST /api/v1/uploads': () => (failUpload ? problem(413, 'payload-too-large', '照片不能超过 5 MB') : { statusCode: 201, data: { id: 'ph-' + 'a'.repeat(20) } }),
  }));
  signedIn(storage);
  wx.chooseMedia.mockImplementation(({ success }) => success({ tempFiles: [{ tempFilePath: 'wxfile://big' }] }));
  const progress = [];
  const page = open('pages/report/index');
  await settle();
  const setData = page.instance.setData.bind(page.instance);
  page.instance.setData = (d) => {
    if (d['photos[0].progress'] !== undefined) progress.push(d['photos[0].progress']);
    setData(d);
  };
  await tap(page, '#add-photo');
  await settle(10);
  expect(progress).toContain(50);
  expect(texts(page, '.photo-error')).toEqual(['上传失败,点此重试']);
  expect(page.instance.data.photos[0].error).toBe('照片不能超过 5 MB');
  failUpload = false;
  await tap(page, '.photo-error');
  await settle(10);
  expect(page.instance.data.photos[0].id).toBe('ph-' + 'a'.repeat(20));
});

test('a photo removed while the others upload does not shift their results', async () => {
  const { storage } = installWx(routes());
  signedIn(storage);
  wx.chooseMedia.mockImplementation(({ success }) => success({ tempFiles: [{ tempFilePath: 'wxfile://p1' }, { tempFilePath: 'wxfile://p2' }, { tempFilePath: 'wxfile://p3' }] }));
  const page = open('pages/report/index');
  await settle();
  await tap(page, '#add-photo');
  await tap(page, '.photo-remove');
  await settle(20);
  expect(page.instance.data.photos.map((p) => [p.path, p.id])).toEqual([
    ['wxfile://p2', 'ph-' + '2'.repeat(20)],
    ['wxfile://p3', 'ph-' + '3'.repeat(20)],
  ]);
});

test('a retry after a network error sends the same Idempotency-Key; the next draft a new one', async () => {
  let attempts = 0;
  const { storage, calls } = installWx(routes({ 'POST /api/v1/complaints': () => filed('JZ20261204-000002') }), {
    offline: (req) => req.path === '/api/v1/complaints' && ++attempts === 1,
  });
  signedIn(storage);
  const page = open('pages/report/index');
  await settle();
  await fillIn(page);
  await tap(page, '#submit');
  expect(texts(page, '.form-error')).toEqual(['网络连接失败,请检查网络后重试。重新提交不会重复反映。']);
  expect(page.instance.data.description).toBe('人民路口有人占道卖水果');
  await tap(page, '#submit');
  expect(text(page)).toContain('JZ20261204-000002');
  await tap(page, '#another');
  await fillIn(page);
  await tap(page, '#submit');
  const keys = calls.filter((c) => c.path === '/api/v1/complaints').map((c) => c.header['Idempotency-Key']);
  expect(keys).toHaveLength(3);
  expect(keys[0]).toMatch(/^mp-[0-9a-f]{32}$/);
  expect(keys[1]).toBe(keys[0]);
  expect(keys[2]).not.toBe(keys[0]);
});

test('a risky-content 422 and the hourly 429 are shown in plain words, the draft kept', async () => {
  let answer = problem(422, 'content-rejected', '问题描述含有不当内容,请修改后再提交');
  const { storage } = installWx(routes({ 'POST /api/v1/complaints': () => answer }));
  signedIn(storage);
  const page = open('pages/report/index');
  await settle();
  await fillIn(page);
  await tap(page, '#submit');
  expect(texts(page, '.form-error')).toEqual(['问题描述含有不当内容,请修改后再提交']);
  answer = problem(429, 'too-many-requests', '一小时内最多反映 10 个问题,请 1 小时后再试');
  await tap(page, '#submit');
  expect(texts(page, '.form-error')).toEqual(['一小时内最多反映 10 个问题,请 1 小时后再试']);
  expect(page.instance.data.description).toBe('人民路口有人占道卖水果');
});

test('similar open cases nearby are listed once category and place are known, and one can be followed', async () => {
  const { storage, calls } = installWx(routes({
    'GET /api/v1/complaints/nearby': {
      items: [{ trackingNo: 'JZ20261203-000007', category: 'street-vending', categoryName: '占道经营', status: 'DISPATCHED', statusLabel: '已派遣',
        distance: 42, createdAt: new Date(Date.now() - 3 * 3600 * 1000).toISOString(), followers: 2, following: false, mine: false }],
    },
    'POST /api/v1/complaints/JZ20261203-000007/followers': { statusCode: 201, data: { trackingNo: 'JZ20261203-000007', followers: 3 } },
  }));
  signedIn(storage);
  const page = open('pages/report/index');
  await settle();
  await fillIn(page);
  const asked = calls.find((c) => c.path.startsWith('/api/v1/complaints/nearby'));
  expect(asked.path).toBe('/api/v1/complaints/nearby?category=street-vending&lat=35.240500&lng=113.168000');
  expect(texts(page, '.similar-text')).toEqual(['占道经营 · 已派遣']);
  expect(texts(page, '.similar-meta')).toEqual(['42 米 · 3 小时前 · 2 人附议']);
  await tap(page, '.follow');
  expect(calls.some((c) => c.method === 'POST' && c.path === '/api/v1/complaints/JZ20261203-000007/followers')).toBe(true);
  expect(texts(page, '.similar-item .badge')).toEqual(['已附议']);
});

test('after filing, the resident is asked for the status and survey messages and WeChat\'s answer is reported as it came', async () => {
  const reported = [];
  const { storage } = installWx(routes({
    'POST /api/v1/complaints': filed('JZ20261204-000003'),
    'GET /api/v1/me/subscriptions': [
      { name: 'status-change', templateId: 'tpl-status', grants: 0 },
      { name: 'survey', templateId: 'tpl-survey', grants: 0 },
      { name: 'reminder', templateId: 'tpl-reminder', grants: 0 },
    ],
    'POST /api/v1/me/subscriptions': (req) => {
      reported.push(req.data);
      return [{ name: 'status-change', templateId: 'tpl-status', grants: 1 }, { name: 'survey', templateId: 'tpl-survey', grants: 0 }];
    },
  }));
  signedIn(storage);
  wx.requestSubscribeMessage.mockImplementation(({ success }) =>
    success({ errMsg: 'requestSubscribeMessage:ok', 'tpl-status': 'accept', 'tpl-survey': 'reject' })
  );
  const page = open('pages/report/index');
  await settle();
  await fillIn(page);
  await tap(page, '#submit');
  expect(wx.requestSubscribeMessage).not.toHaveBeenCalled();
  await tap(page, '#subscribe');
  await settle();
  expect(wx.requestSubscribeMessage).toHaveBeenCalledWith(expect.objectContaining({ tmplIds: ['tpl-status', 'tpl-survey'] }));
  expect(reported).toEqual([{ errMsg: 'requestSubscribeMessage:ok', 'tpl-status': 'accept', 'tpl-survey': 'reject' }]);
  expect(text(page)).toContain('已开启通知');
  await tap(page, '#view-case');
  expect(wx.navigateTo).toHaveBeenCalledWith({ url: '/pages/complaint/detail?no=JZ20261204-000003' });
});

test('categories that cannot be loaded show an error with a retry', async () => {
  installWx({ 'GET /api/v1/complaint-categories': problem(503, 'service-unavailable', '服务暂时不可用') });
  const page = open('pages/report/index');
  await settle();
  expect(text(page)).toContain('服务暂时不可用');
  expect(page.querySelector('#submit')).toBeUndefined();
});
