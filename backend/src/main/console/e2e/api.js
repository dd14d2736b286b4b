// What the browser tests do outside the browser: residents (through the WeChat stand-in's login codes)
// and checks against the JSON API the console itself reads.

export const ADMIN_PASSWORD = 'Console-Admin-2026';
export const STAFF = {
  dispatcher: { username: 'zhao.dd', displayName: '赵调度', role: 'DISPATCHER', district: '中站区', password: 'Dispatch-2026-ok' },
  xuheng: { username: 'li.xh', displayName: '李站员', role: 'STATION_STAFF', stationId: 'demo-st-001', password: 'Station-2026-xh' },
  other: { username: 'wang.ot', displayName: '王站员', role: 'STATION_STAFF', stationId: 'demo-st-002', password: 'Station-2026-ot' },
  // accounts the session tests lock out and change the password of
  careless: { username: 'sun.cl', displayName: '孙调度', role: 'DISPATCHER', district: '中站区', password: 'Careless-2026-ok' },
  renamer: { username: 'zhou.pw', displayName: '周调度', role: 'DISPATCHER', district: '中站区', password: 'Renamer-2026-ok' },
};

export async function json(base, method, path, body, token, headers = {}) {
  const res = await fetch(base + path, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, data: text ? JSON.parse(text) : null, etag: res.headers.get('etag') };
}

export async function staffToken(backend, username, password) {
  const { data } = await json(backend.url, 'POST', '/api/v1/admin/auth/login', { username, password });
  return data.token;
}

let residents = 0;

export async function resident(backend) {
  const user = `console-e2e-${process.pid}-${++residents}`;
  const { data: stub } = await json(backend.wechat, 'POST', '/_stub/login-code', { user });
  const { data } = await json(backend.url, 'POST', '/api/v1/auth/wechat-login', { code: stub.code });
  return data.token;
}

/** A resident's report at a point (GCJ-02) near the given demo station. */
export async function report(backend, token, { lat = 35.2405, lng = 113.1681, description = '人行道上有占道经营的摊位,影响通行', contactPhone } = {}) {
  const { status, data } = await json(backend.url, 'POST', '/api/v1/complaints',
    { category: 'street-vending', description, location: { lat, lng }, address: '北环路17号门前', contactPhone }, token,
    { 'Idempotency-Key': `e2e-${Date.now()}-${Math.random()}` });
  if (status !== 201) throw new Error(`report refused: ${status} ${JSON.stringify(data)}`);
  return data;
}
