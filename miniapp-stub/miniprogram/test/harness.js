// A fake backend behind a mocked wx: routes answer like the real API (problems included); every call
// is recorded so a test can assert what the page asked for.
const path = require('path');
const simulate = require('miniprogram-simulate');

const ROOT = path.join(__dirname, '..');
const BASE = 'http://backend.test';

function problem(status, code, detail) {
  return { statusCode: status, data: { type: 'urn:cityservice:problem:' + code, title: code, status, detail, code } };
}

/** Installs global.wx; routes: { 'GET /api/v1/...': (req) => ({statusCode, data}) | data }. */
function installWx(routes = {}, options = {}) {
  const calls = [];
  const storage = new Map();
  let loginCount = 0;
  const answer = (req) => {
    const key = req.method + ' ' + req.path;
    const handler = routes[key] || routes[req.method + ' ' + req.path.split('?')[0]];
    if (!handler) {
      return problem(404, 'not-found', '未找到 ' + key);
    }
    const result = typeof handler === 'function' ? handler(req) : handler;
    return result && result.statusCode ? result : { statusCode: 200, data: result };
  };
  const later = (fn) => setTimeout(fn, 0);
  global.wx = {
    getAccountInfoSync: () => ({ miniProgram: { envVersion: 'develop' } }),
    login: jest.fn(({ success }) => later(() => success({ code: 'code-' + ++loginCount }))),
    request: jest.fn((o) => {
      const req = { method: o.method || 'GET', path: o.url.replace(BASE, ''), data: o.data, header: o.header || {} };
      calls.push(req);
      later(() => {
        if (options.offline && options.offline(req)) {
          o.fail({ errMsg: 'request:fail net::ERR_INTERNET_DISCONNECTED' });
          return;
        }
        const res = answer(req);
        o.success({ statusCode: res.statusCode, data: res.data, header: {} });
      });
      return { abort() {} };
    }),
    uploadFile: jest.fn((o) => {
      const req = { method: 'UPLOAD', path: o.url.replace(BASE, ''), filePath: o.filePath, header: o.header };
      calls.push(req);
      let progress = null;
      later(() => {
        if (progress) {
          progress({ progress: 50 });
        }
        const res = answer(Object.assign({}, req, { method: 'POST' }));
        o.success({ statusCode: res.statusCode, data: JSON.stringify(res.data) });
      });
      return { onProgressUpdate: (fn) => (progress = fn) };
    }),
    downloadFile: jest.fn((o) => {
      calls.push({ method: 'DOWNLOAD', path: o.url.replace(BASE, ''), header: o.header });
      later(() => o.success({ statusCode: 200, tempFilePath: 'wxfile://tmp' + o.url.replace(BASE, '') }));
    }),
    getStorageSync: (key) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key, value) => storage.set(key, value),
    removeStorageSync: (key) => storage.delete(key),
    getLocation: jest.fn(({ success }) => later(() => success({ latitude: 35.2405, longitude: 113.168 }))),
    chooseLocation: jest.fn(),
    chooseMedia: jest.fn(),
    showToast: jest.fn(),
    showModal: jest.fn(({ success }) => success && success({ confirm: true })),
    navigateTo: jest.fn(),
    switchTab: jest.fn(),
    makePhoneCall: jest.fn(),
    openLocation: jest.fn(),
    previewImage: jest.fn(),
    requestSubscribeMessage: jest.fn(),
    stopPullDownRefresh: jest.fn(),
    setNavigationBarTitle: jest.fn(),
    onNeedPrivacyAuthorization: jest.fn(),
    onNetworkStatusChange: jest.fn(),
  };
  require('../utils/request').setBaseUrl(BASE);
  return { calls, storage, wx: global.wx };
}

/** A logged-in resident (a stored session) unless the test wants the login itself. */
function signedIn(storage, token = 'stored-token') {
  storage.set('cs.session', { token, expiresAt: '2999-01-01T00:00:00+08:00' });
}

const loaded = {};

/** Renders a page (a Component) and calls its onLoad; each page is loaded once per test file. */
function open(pagePath, query = {}) {
  if (!loaded[pagePath]) {
    loaded[pagePath] = simulate.load(path.join(ROOT, pagePath), { compiler: 'simulate', rootPath: ROOT });
  }
  const page = simulate.render(loaded[pagePath]);
  page.attach(document.createElement('parent-wrapper'));
  page.instance.onLoad(query);
  return page;
}

/** Lets the mocked network answer and the page re-render. */
async function settle(times = 8) {
  for (let i = 0; i < times; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

function texts(page, selector) {
  return page.querySelectorAll(selector).map((node) => node.dom.textContent.trim());
}

function text(page) {
  return page.dom.textContent.replace(/\s+/g, ' ');
}

/** Taps the first node the selector finds (events are delivered asynchronously) and lets the page settle. */
function tap(page, selector) {
  const node = page.querySelector(selector);
  if (!node) {
    throw new Error('nothing to tap at ' + selector);
  }
  node.dispatchEvent('tap');
  return settle();
}

module.exports = { installWx, signedIn, open, settle, texts, text, tap, problem, BASE };
