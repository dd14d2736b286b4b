const { installWx, signedIn, problem, BASE } = require('./harness');
const request = require('../utils/request');

test('logs in once with wx.login, keeps the token and sends it as a bearer', async () => {
  const { calls, storage } = installWx({
    'POST /api/v1/auth/wechat-login': (req) => ({ token: 'tok-for-' + req.data.code, expiresAt: '2999-01-01T00:00:00+08:00' }),
    'GET /api/v1/me': { id: 'r-1' },
  });
  const [a, b] = await Promise.all([request.request({ path: '/api/v1/me' }), request.request({ path: '/api/v1/me' })]);
  expect(a.id).toBe('r-1');
  expect(b.id).toBe('r-1');
  expect(wx.login).toHaveBeenCalledTimes(1);
  expect(storage.get('cs.session').token).toBe('tok-for-code-1');
  expect(calls.filter((c) => c.path === '/api/v1/me').map((c) => c.header.Authorization)).toEqual(['Bearer tok-for-code-1', 'Bearer tok-for-code-1']);
});

test('a 401 leads to one silent re-login and one retry, not more', async () => {
  let meCalls = 0;
  const { storage } = installWx({
    'POST /api/v1/auth/wechat-login': { token: 'fresh', expiresAt: '2999-01-01T00:00:00+08:00' },
    'GET /api/v1/me': (req) => {
      meCalls += 1;
      return req.header.Authorization === 'Bearer fresh' ? { id: 'r-1' } : problem(401, 'unauthorized', '登录已过期');
    },
    'GET /api/v1/surveys/mine': problem(401, 'unauthorized', '登录已过期'),
  });
  signedIn(storage, 'lapsed');
  expect((await request.request({ path: '/api/v1/me' })).id).toBe('r-1');
  expect(meCalls).toBe(2);
  expect(wx.login).toHaveBeenCalledTimes(1);
  await expect(request.request({ path: '/api/v1/surveys/mine' })).rejects.toMatchObject({ status: 401, message: '登录已过期' });
  expect(wx.login).toHaveBeenCalledTimes(2);
});

test('an expired stored session is not sent at all', async () => {
  const { storage, calls } = installWx({
    'POST /api/v1/auth/wechat-login': { token: 'fresh', expiresAt: '2999-01-01T00:00:00+08:00' },
    'GET /api/v1/me': { id: 'r-1' },
  });
  storage.set('cs.session', { token: 'old', expiresAt: '2000-01-01T00:00:00+08:00' });
  await request.request({ path: '/api/v1/me' });
  expect(calls.map((c) => c.header.Authorization).filter(Boolean)).toEqual(['Bearer fresh']);
});

test('problems become errors with the stable code and the Chinese detail; non-problems a plain message', async () => {
  const { storage } = installWx({
    'POST /api/v1/complaints': problem(429, 'too-many-requests', '一小时内最多提交 10 条,请稍后再试'),
    'GET /api/v1/me': { statusCode: 502, data: '<html>Bad gateway</html>' },
  });
  signedIn(storage);
  await expect(request.request({ method: 'POST', path: '/api/v1/complaints', data: {} })).rejects.toMatchObject({
    status: 429, code: 'too-many-requests', message: '一小时内最多提交 10 条,请稍后再试',
  });
  await expect(request.request({ path: '/api/v1/me' })).rejects.toMatchObject({ status: 502, message: '服务暂时不可用,请稍后再试' });
});

test('timeouts and offline are told apart', async () => {
  installWx({});
  wx.request.mockImplementationOnce((o) => o.fail({ errMsg: 'request:fail timeout' }));
  await expect(request.request({ path: '/api/v1/complaint-categories', auth: false })).rejects.toMatchObject({ code: 'timeout', message: '网络超时,请稍后重试' });
  wx.request.mockImplementationOnce((o) => o.fail({ errMsg: 'request:fail' }));
  await expect(request.request({ path: '/api/v1/complaint-categories', auth: false })).rejects.toMatchObject({ code: 'offline' });
});

test('the base URL follows the mini-program version unless set', () => {
  installWx({});
  const config = require('../config');
  request.setBaseUrl(null);
  expect(request.baseUrl()).toBe(config.BASE_URLS.develop);
  wx.getAccountInfoSync = () => ({ miniProgram: { envVersion: 'release' } });
  expect(request.baseUrl()).toBe(config.BASE_URLS.release);
  request.setBaseUrl(BASE);
});

test('query strings skip empty values and encode Chinese', () => {
  expect(request.query({ a: 1, b: '', c: null, goods: '西瓜' })).toBe('?a=1&goods=%E8%A5%BF%E7%93%9C');
});
