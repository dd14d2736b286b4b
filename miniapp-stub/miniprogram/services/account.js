// 我的: profile, phone, subscribe grants, deleting the account.
const { request, forgetSession } = require('../utils/request');

const TEMPLATE_LABELS = {
  'status-change': '办理进度通知',
  survey: '回访评价邀请',
  reminder: '回访提醒',
};

function me() {
  return request({ path: '/api/v1/me' });
}

function bindPhone(code) {
  return request({ method: 'POST', path: '/api/v1/me/phone', data: { code } });
}

function unbindPhone() {
  return request({ method: 'DELETE', path: '/api/v1/me/phone' });
}

async function deleteAccount() {
  await request({ method: 'DELETE', path: '/api/v1/me' });
  forgetSession();
}

function subscriptions() {
  return request({ path: '/api/v1/me/subscriptions' });
}

/**
 * Asks WeChat for one message of each named template (must run from a tap) and reports WeChat's
 * answer to the backend exactly as it came. Resolves to the grants now held, or null if the
 * resident closed the popup.
 */
async function askForMessages(names) {
  const held = await subscriptions();
  const tmplIds = held.filter((g) => names.indexOf(g.name) >= 0).map((g) => g.templateId);
  if (tmplIds.length === 0) {
    return held;
  }
  const result = await new Promise((resolve) => {
    wx.requestSubscribeMessage({ tmplIds, success: resolve, fail: () => resolve(null) });
  });
  if (!result) {
    return null;
  }
  return request({ method: 'POST', path: '/api/v1/me/subscriptions', data: result });
}

module.exports = { TEMPLATE_LABELS, me, bindPhone, unbindPhone, deleteAccount, subscriptions, askForMessages };
