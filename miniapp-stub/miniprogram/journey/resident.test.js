// The mini-program's own request and service modules against the real backend: the packaged jar,
// started here on free ports in local mode. A resident logs in, binds her phone, finds stations,
// uploads a photo, reports, allows messages, sees her case move as staff work it, gets the notices
// (opening pages that exist in the client) and answers the survey. Client and server must agree on
// every path and shape; break either and this fails.
const fs = require('fs');
const os = require('os');
const path = require('path');
const backend = require('./backend');
const { wxFor } = require('./wx-node');
const { png } = require('./png');

const request = require('../utils/request');
const places = require('../services/places');
const complaints = require('../services/complaints');
const surveys = require('../services/surveys');
const account = require('../services/account');
const app = require('../app.json');

const ADMIN_PASSWORD = 'journey-' + Math.random().toString(36).slice(2) + '-Aa1';
let server;

beforeAll(async () => {
  server = await backend.start({ adminPassword: ADMIN_PASSWORD });
  request.setBaseUrl(server.url);
});

afterAll(async () => {
  if (server) {
    await server.stop();
  }
});

async function stub(path_, body = {}) {
  const res = await fetch(server.wechat + path_, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return res.json();
}

/** Staff work the case with plain HTTP: their own client is the console, not this one. */
async function staff(method, path_, body) {
  if (!staff.token) {
    const res = await fetch(server.url + '/api/v1/admin/auth/login', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    expect(res.status).toBe(200);
    staff.token = (await res.json()).token;
  }
  const res = await fetch(server.url + path_, {
    method, headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + staff.token }, body: body && JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) {
    throw new Error(method + ' ' + path_ + ' answered ' + res.status + ': ' + text);
  }
  return text ? JSON.parse(text) : null;
}

async function eventually(what, probe, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await probe();
    if (last) {
      return last;
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error('timed out waiting for ' + what);
}

function pageOf(sentPage) {
  return sentPage.split('?')[0];
}

test('a resident, end to end, through the mini-program\'s own modules', async () => {
  global.wx = wxFor({ platform: server.wechat, user: 'journey-alice' });
  const { openid } = await stub('/_stub/login-code', { user: 'journey-alice' });

  // 1. log in silently and bind the phone with the phone button's code
  const me = await account.me();
  expect(me.phoneBound).toBe(false);
  const { code } = await stub('/_stub/phone-code', { user: 'journey-alice', phone: '13800001234' });
  const bound = await account.bindPhone(code);
  expect(bound.phone).toBe('138****1234');

  // 2. find stations near 中站区, nearest first, and open one
  const nearby = await places.nearby('stations', { latitude: 35.2405, longitude: 113.168 });
  expect(nearby.items.length).toBeGreaterThan(0);
  const distances = nearby.items.map((i) => i.distance);
  expect(distances).toEqual([...distances].sort((a, b) => a - b));
  expect(nearby.items[0].place.availability.summary).toMatch(/开放|关闭/);
  const station = await places.one('stations', nearby.items[0].place.id);
  expect(Object.keys(station.hours).length).toBeGreaterThan(0);
  const zones = await places.nearby('vending-zones', { latitude: 35.2405, longitude: 113.168, radius: 5000, zoneKind: 'FRUIT', goods: '西瓜' });
  expect(zones.items.every((i) => i.place.kind === 'FRUIT' && i.place.goods.includes('西瓜'))).toBe(true);

  // 3. upload a photo with the session, report with it; a retry of the same draft files nothing new
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'journey-')), 'photo.png');
  fs.writeFileSync(file, png(64, 48));
  const progress = [];
  const photo = await complaints.uploadPhoto(file, (p) => progress.push(p));
  expect(photo.id).toMatch(/^ph-[0-9a-f]{2}-[0-9a-f]{20}$/);
  expect(progress).toContain(100);
  const categories = await complaints.categories();
  const vending = categories.find((c) => c.code === 'street-vending');
  expect(vending.name).toBe('占道经营');
  const draftKey = complaints.newDraftKey();
  const draft = { category: 'street-vending', description: '人民路口有人占道卖水果', location: { lat: 35.2405, lng: 113.168 }, address: '人民路口', photos: [photo.id] };
  const filed = await complaints.submit(draft, draftKey);
  expect(filed.trackingNo).toMatch(/^JZ\d{4}-\d{8}-\d{6}$/);
  expect(filed.statusLabel).toBe('已受理');
  const again = await complaints.submit(draft, draftKey);
  expect(again.trackingNo).toBe(filed.trackingNo);

  // 4. allow the status and survey messages (WeChat's answer reported as it came)
  const held = await account.askForMessages(['status-change', 'survey']);
  expect(held.filter((g) => g.name === 'status-change' || g.name === 'survey').map((g) => g.grants)).toEqual([1, 1]);

  // 5. my cases, and the case with its timeline and photo
  const mine = await complaints.mine();
  expect(mine.total).toBe(1);
  expect(mine.items[0].trackingNo).toBe(filed.trackingNo);
  const photoFile = await complaints.photo(filed.photos[0]);
  const magic = fs.readFileSync(photoFile).subarray(0, 4).toString('hex');
  expect(['89504e47', 'ffd8ffe0', 'ffd8ffdb', 'ffd8ffe1', '52494646']).toContain(magic);

  // 5b. a neighbour about to report the same problem finds the open case nearby and follows it (附议)
  const alice = global.wx;
  global.wx = wxFor({ platform: server.wechat, user: 'journey-bob' });
  const similar = await complaints.nearbyOpen('street-vending', 35.2406, 113.1681);
  const theCase = similar.items.find((c) => c.trackingNo === filed.trackingNo);
  expect(theCase).toMatchObject({ statusLabel: '已受理', following: false, mine: false });
  expect(theCase.description).toBeUndefined();
  await complaints.follow(filed.trackingNo);
  expect((await complaints.following()).items.map((c) => c.trackingNo)).toEqual([filed.trackingNo]);
  global.wx = alice;
  expect((await complaints.one(filed.trackingNo)).followers).toBe(1);

  // 6. staff work the case; she sees each step and is told by a message that opens a page of the client
  const no = filed.trackingNo;
  await staff('POST', '/api/v1/admin/complaints/' + no + '/transitions', { action: 'REGISTER' });
  await staff('POST', '/api/v1/admin/complaints/' + no + '/transitions', { action: 'DISPATCH' });
  await staff('POST', '/api/v1/admin/complaints/' + no + '/transitions', { action: 'HANDLE', note: '已劝离,占道摊位已清理' });
  await staff('POST', '/api/v1/admin/complaints/' + no + '/transitions', { action: 'VERIFY' });
  await staff('POST', '/api/v1/admin/complaints/' + no + '/transitions', { action: 'CLOSE' });
  const closed = await complaints.one(no);
  expect(closed.statusLabel).toBe('已结案');
  expect(closed.timeline.map((s) => s.status)).toEqual(['RECEIVED', 'REGISTERED', 'DISPATCHED', 'HANDLED', 'VERIFIED', 'CLOSED']);
  expect(closed.timeline.find((s) => s.status === 'HANDLED').note).toBe('已劝离,占道摊位已清理');

  const sentTo = async () => (await stub('/_stub/sent')).filter((m) => m.touser === openid);
  // the survey's page names the case too (its id holds the tracking number), and may be sent first
  const statusNotice = await eventually('the status notice', async () =>
    (await sentTo()).find((m) => m.page.startsWith('pages/complaint/detail') && m.page.includes(no)));
  expect(app.pages).toContain(pageOf(statusNotice.page));
  expect(statusNotice.page).toBe('pages/complaint/detail?no=' + no);

  // 7. the survey arrives as a message opening the survey page; she answers once, a second answer is refused
  const surveyMessage = await eventually('the survey message', async () => (await sentTo()).find((m) => m.page.startsWith('pages/survey/index')), 60000);
  expect(app.pages).toContain(pageOf(surveyMessage.page));
  const surveyId = decodeURIComponent(surveyMessage.page.split('id=')[1]);
  const survey = await surveys.one(surveyId);
  expect(survey.trackingNo).toBe(no);
  expect(survey.answerable).toBe(true);
  const answered = await surveys.answer(surveyId, { solved: 'YES', satisfaction: 'SATISFIED', comment: '处理很及时' });
  expect(answered.status).toBe('ANSWERED');
  expect(answered.answer.satisfaction).toBe('SATISFIED');
  await expect(surveys.answer(surveyId, { solved: 'NO', satisfaction: 'DISSATISFIED' })).rejects.toMatchObject({ status: 409 });
  expect((await surveys.mine()).map((s) => s.id)).toContain(surveyId);

  // 8. a bad report is refused with a problem the page can show as it is
  await expect(complaints.submit({ category: 'street-vending', description: '', location: { lat: 95, lng: 113 } }, complaints.newDraftKey())).rejects.toMatchObject({
    status: 400, code: 'validation-failed', message: expect.stringMatching(/请检查/),
  });

  // 9. a lost session is replaced by one silent login
  wx.setStorageSync(request.SESSION_KEY, { token: 'not-a-session', expiresAt: '2999-01-01T00:00:00+08:00' });
  expect((await account.me()).phoneBound).toBe(true);

  // 10. she unbinds her phone and deletes her account; her session ends with it
  expect((await account.unbindPhone()).phoneBound).toBe(false);
  await account.deleteAccount();
  expect(wx.getStorageSync(request.SESSION_KEY)).toBe('');
});
