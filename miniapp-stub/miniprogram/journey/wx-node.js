// wx.* for the mini-program's own modules in Node, backed by real HTTP: wx.request and the file
// transfers go to the backend, wx.login and the subscribe popup to the local WeChat platform, which
// hands out the same one-time codes and records the same grants as WeChat would.
const fs = require('fs');
const os = require('os');
const path = require('path');

async function json(url, body) {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) {
    throw new Error(url + ' answered ' + res.status + ': ' + (await res.text()));
  }
  return res.json();
}

function headersOf(res) {
  const out = {};
  res.headers.forEach((value, key) => (out[key] = value));
  return out;
}

/** A wx for one simulated WeChat user of the local platform. */
function wxFor({ platform, user }) {
  const storage = new Map();
  const files = fs.mkdtempSync(path.join(os.tmpdir(), 'wx-files-'));
  let downloads = 0;
  const settle = (promise, o) => promise.then((r) => o.success && o.success(r), (e) => o.fail && o.fail({ errMsg: String(e && e.message) }));
  return {
    getAccountInfoSync: () => ({ miniProgram: { envVersion: 'develop' } }),
    getStorageSync: (key) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key, value) => storage.set(key, value),
    removeStorageSync: (key) => storage.delete(key),
    login(o) {
      settle(json(platform + '/_stub/login-code', { user }).then((r) => ({ code: r.code, errMsg: 'login:ok' })), o);
    },
    request(o) {
      const headers = Object.assign({}, o.header);
      const method = o.method || 'GET';
      const body = o.data === undefined || method === 'GET' ? undefined : JSON.stringify(o.data);
      settle(
        fetch(o.url, { method, headers, body, signal: AbortSignal.timeout(o.timeout || 10000) }).then(async (res) => {
          const text = await res.text();
          let data = text;
          try {
            data = text ? JSON.parse(text) : '';
          } catch (e) {
            // WeChat hands non-JSON bodies over as strings
          }
          return { statusCode: res.status, data, header: headersOf(res) };
        }),
        o
      );
    },
    uploadFile(o) {
      const form = new FormData();
      const bytes = fs.readFileSync(o.filePath);
      form.append(o.name, new Blob([bytes], { type: o.filePath.endsWith('.png') ? 'image/png' : 'image/jpeg' }), path.basename(o.filePath));
      let progress = null;
      settle(
        fetch(o.url, { method: 'POST', headers: o.header, body: form }).then(async (res) => {
          if (progress) {
            progress({ progress: 100, totalBytesSent: bytes.length, totalBytesExpectedToSend: bytes.length });
          }
          return { statusCode: res.status, data: await res.text() };
        }),
        o
      );
      return { onProgressUpdate: (fn) => (progress = fn) };
    },
    downloadFile(o) {
      settle(
        fetch(o.url, { headers: o.header }).then(async (res) => {
          const file = path.join(files, 'download-' + ++downloads);
          fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
          return { statusCode: res.status, tempFilePath: file };
        }),
        o
      );
    },
    /** The resident taps 允许 for every template: the platform records each grant, the client gets accept. */
    requestSubscribeMessage(o) {
      const result = { errMsg: 'requestSubscribeMessage:ok' };
      settle(
        Promise.all(o.tmplIds.map((templateId) => json(platform + '/_stub/subscribe', { user, templateId }).then(() => (result[templateId] = 'accept')))).then(
          () => result
        ),
        o
      );
    },
  };
}

module.exports = { wxFor };
