const { installWx, signedIn, open, settle, texts, text, tap, problem } = require('./harness');

const grants = [
  { name: 'status-change', templateId: 'tpl-status', grants: 1 },
  { name: 'survey', templateId: 'tpl-survey', grants: 0 },
];

test('binds the phone with the phone button\'s code, shows it masked, and unbinds after confirming', async () => {
  let phone = null;
  const me = () => ({ id: 'r-1', phone, phoneBound: !!phone, memberSince: '2026-12-01T10:00:00+08:00' });
  const { storage, calls } = installWx({
    'GET /api/v1/me': me,
    'GET /api/v1/me/subscriptions': grants,
    'POST /api/v1/me/phone': (req) => {
      phone = req.data.code === 'phone-code' ? '138****1234' : null;
      return me();
    },
    'DELETE /api/v1/me/phone': () => {
      phone = null;
      return me();
    },
  });
  signedIn(storage);
  const page = open('pages/me/index');
  await settle();
  expect(texts(page, '.phone')).toEqual(['手机号:未绑定']);
  expect(texts(page, '.grant-count')).toEqual(['可接收 1 次', '可接收 0 次']);
  page.querySelector('#bind-phone').dispatchEvent('getphonenumber', { detail: { errMsg: 'getPhoneNumber:fail user deny' } });
  await settle();
  expect(calls.filter((c) => c.path === '/api/v1/me/phone')).toHaveLength(0);
  expect(wx.showToast).toHaveBeenCalledWith({ title: '未授权手机号', icon: 'none' });
  page.querySelector('#bind-phone').dispatchEvent('getphonenumber', { detail: { code: 'phone-code' } });
  await settle();
  expect(texts(page, '.phone')).toEqual(['手机号:138****1234']);
  await tap(page, '#unbind-phone');
  await settle();
  expect(wx.showModal).toHaveBeenCalled();
  expect(texts(page, '.phone')).toEqual(['手机号:未绑定']);
});

test('a refused phone binding shows the backend\'s words', async () => {
  const { storage } = installWx({
    'GET /api/v1/me': { id: 'r-1', phone: null, phoneBound: false, memberSince: '2026-12-01T10:00:00+08:00' },
    'GET /api/v1/me/subscriptions': grants,
    'POST /api/v1/me/phone': problem(400, 'wechat-code-invalid', '手机号授权已失效,请重新点击绑定'),
  });
  signedIn(storage);
  const page = open('pages/me/index');
  await settle();
  await page.instance.phoneNumber({ detail: { code: 'old' } });
  expect(wx.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: '手机号授权已失效,请重新点击绑定' }));
});

test('deleting the account asks first; cancelling keeps it, confirming deletes and forgets the session', async () => {
  const { storage, calls } = installWx({
    'GET /api/v1/me': { id: 'r-1', phone: null, phoneBound: false, memberSince: '2026-12-01T10:00:00+08:00' },
    'GET /api/v1/me/subscriptions': grants,
    'DELETE /api/v1/me': { statusCode: 204, data: '' },
  });
  signedIn(storage);
  const page = open('pages/me/index');
  await settle();
  wx.showModal.mockImplementationOnce(({ success }) => success({ confirm: false, cancel: true }));
  await tap(page, '#delete-account');
  expect(calls.filter((c) => c.method === 'DELETE')).toHaveLength(0);
  await tap(page, '#delete-account');
  await settle();
  expect(calls.filter((c) => c.method === 'DELETE' && c.path === '/api/v1/me')).toHaveLength(1);
  expect(storage.has('cs.session')).toBe(false);
  expect(text(page)).toContain('账号已注销');
});

test('the privacy statement opens, and the privacy popup answers WeChat\'s authorisation request', async () => {
  const { storage } = installWx({
    'GET /api/v1/me': { id: 'r-1', phone: null, phoneBound: false, memberSince: '2026-12-01T10:00:00+08:00' },
    'GET /api/v1/me/subscriptions': grants,
  });
  signedIn(storage);
  const page = open('pages/me/index');
  await settle();
  await tap(page, '#privacy-toggle');
  expect(text(page)).toContain('在您手机上保存的只有登录凭证');
  expect(wx.onNeedPrivacyAuthorization).toHaveBeenCalled();
  const resolve = jest.fn();
  wx.onNeedPrivacyAuthorization.mock.calls[0][0](resolve);
  await settle();
  expect(text(page)).toContain('用户隐私保护提示');
  page.querySelector('#privacy').querySelector('#privacy-agree').dispatchEvent('agreeprivacyauthorization');
  await settle();
  expect(resolve).toHaveBeenCalledWith({ buttonId: 'privacy-agree', event: 'agree' });
  expect(text(page)).not.toContain('用户隐私保护提示');
});
