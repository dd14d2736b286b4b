// The one way pages talk to the backend: base URL per environment, WeChat login, the session token
// in storage, the Authorization header, one silent re-login on a 401, RFC 9457 problems turned into
// errors that carry the backend's Chinese detail, timeouts and offline turned into plain words.
const config = require('../config');

const SESSION_KEY = 'cs.session';
const OFFLINE = '网络连接失败,请检查网络后重试';
const TIMEOUT = '网络超时,请稍后重试';
const UNAVAILABLE = '服务暂时不可用,请稍后再试';

let baseUrlOverride = null;
let loginUnderWay = null;

/** A refused or failed request: `code` is the problem's stable code (or offline/timeout), `message` Chinese. */
class ApiError extends Error {
  constructor(status, code, message, problem) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.problem = problem || null;
  }
}

function setBaseUrl(url) {
  baseUrlOverride = url;
}

function baseUrl() {
  return baseUrlOverride || config.baseUrl();
}

function networkError(err) {
  const text = (err && err.errMsg) || '';
  return /timeout|超时/i.test(text) ? new ApiError(0, 'timeout', TIMEOUT) : new ApiError(0, 'offline', OFFLINE);
}

function parse(data) {
  if (typeof data !== 'string') {
    return data;
  }
  try {
    return data === '' ? null : JSON.parse(data);
  } catch (e) {
    return null;
  }
}

function problemError(statusCode, data) {
  const problem = parse(data);
  if (problem && typeof problem === 'object' && (problem.detail || problem.title)) {
    return new ApiError(statusCode, problem.code || String(statusCode), problem.detail || problem.title, problem);
  }
  return new ApiError(statusCode, String(statusCode), UNAVAILABLE);
}

function send(options) {
  return new Promise((resolve, reject) => {
    wx.request({
      url: baseUrl() + options.path,
      method: options.method,
      data: options.data,
      header: options.header,
      timeout: config.REQUEST_TIMEOUT_MS,
      success: resolve,
      fail: (err) => reject(networkError(err)),
    });
  });
}

function wxLogin() {
  return new Promise((resolve, reject) => {
    wx.login({
      success: (res) => (res.code ? resolve(res.code) : reject(new ApiError(0, 'login', '微信登录失败,请稍后重试'))),
      fail: () => reject(new ApiError(0, 'login', '微信登录失败,请稍后重试')),
    });
  });
}

/** wx.login → the backend's session; racing callers share one login. */
function login() {
  if (!loginUnderWay) {
    loginUnderWay = wxLogin()
      .then((code) => send({ method: 'POST', path: '/api/v1/auth/wechat-login', data: { code }, header: { 'Content-Type': 'application/json' } }))
      .then((res) => {
        if (res.statusCode !== 200) {
          throw problemError(res.statusCode, res.data);
        }
        const body = parse(res.data);
        wx.setStorageSync(SESSION_KEY, { token: body.token, expiresAt: body.expiresAt });
        return body.token;
      })
      .finally(() => {
        loginUnderWay = null;
      });
  }
  return loginUnderWay;
}

function storedToken() {
  const session = wx.getStorageSync(SESSION_KEY);
  return session && session.token && Date.parse(session.expiresAt) > Date.now() ? session.token : null;
}

function token() {
  const stored = storedToken();
  return stored ? Promise.resolve(stored) : login();
}

function forgetSession() {
  wx.removeStorageSync(SESSION_KEY);
}

/**
 * One call. `auth: false` for public reads (the listings); otherwise the session's bearer token,
 * and after a 401 one fresh login and one retry.
 */
async function request({ method = 'GET', path, data, header = {}, auth = true }) {
  for (let attempt = 0; ; attempt += 1) {
    const headers = Object.assign({}, header);
    if (data !== undefined && method !== 'GET') {
      headers['Content-Type'] = headers['Content-Type'] || 'application/json';
    }
    if (auth) {
      headers.Authorization = 'Bearer ' + (await token());
    }
    const res = await send({ method, path, data, header: headers });
    if (res.statusCode === 401 && auth && attempt === 0) {
      forgetSession();
      continue;
    }
    if (res.statusCode >= 200 && res.statusCode < 300) {
      return parse(res.data);
    }
    throw problemError(res.statusCode, res.data);
  }
}

/** One photo to POST /api/v1/uploads; `onProgress(percent)` while it goes. */
async function upload(filePath, onProgress) {
  for (let attempt = 0; ; attempt += 1) {
    const bearer = await token();
    const res = await new Promise((resolve, reject) => {
      const task = wx.uploadFile({
        url: baseUrl() + '/api/v1/uploads',
        filePath,
        name: 'file',
        header: { Authorization: 'Bearer ' + bearer },
        timeout: config.UPLOAD_TIMEOUT_MS,
        success: resolve,
        fail: (err) => reject(networkError(err)),
      });
      if (task && task.onProgressUpdate && onProgress) {
        task.onProgressUpdate((p) => onProgress(p.progress));
      }
    });
    if (res.statusCode === 401 && attempt === 0) {
      forgetSession();
      continue;
    }
    if (res.statusCode >= 200 && res.statusCode < 300) {
      return parse(res.data);
    }
    throw problemError(res.statusCode, res.data);
  }
}

/** A photo behind the bearer token (GET /api/v1/uploads/{id}) as a local file an <image> can show. */
async function download(path) {
  const bearer = await token();
  const res = await new Promise((resolve, reject) => {
    wx.downloadFile({
      url: baseUrl() + path,
      header: { Authorization: 'Bearer ' + bearer },
      timeout: config.UPLOAD_TIMEOUT_MS,
      success: resolve,
      fail: (err) => reject(networkError(err)),
    });
  });
  if (res.statusCode !== 200) {
    throw new ApiError(res.statusCode, String(res.statusCode), '照片暂时无法显示');
  }
  return res.tempFilePath;
}

function query(params) {
  const parts = Object.keys(params)
    .filter((key) => params[key] !== undefined && params[key] !== null && params[key] !== '')
    .map((key) => encodeURIComponent(key) + '=' + encodeURIComponent(params[key]));
  return parts.length ? '?' + parts.join('&') : '';
}

module.exports = {
  ApiError,
  request,
  upload,
  download,
  login,
  forgetSession,
  query,
  setBaseUrl,
  baseUrl,
  SESSION_KEY,
};
