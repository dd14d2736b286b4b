// The three kinds of places near the resident (public: no login needed).
const { request, query } = require('../utils/request');

const KINDS = [
  { key: 'stations', label: '社区城管服务站', short: '服务站', path: '/api/v1/stations' },
  { key: 'vending-zones', label: '便民疏导点', short: '疏导点', path: '/api/v1/vending-zones' },
  { key: 'school-posts', label: '护学岗', short: '护学岗', path: '/api/v1/school-posts' },
];

const ZONE_KINDS = [
  { value: '', label: '全部类型' },
  { value: 'FRUIT', label: '瓜果疏导区' },
  { value: 'CONVENIENCE', label: '便民销售点' },
  { value: 'BREAKFAST', label: '早餐车' },
  { value: 'NIGHT_MARKET', label: '夜市' },
];

function kind(key) {
  return KINDS.find((k) => k.key === key) || KINDS[0];
}

/**
 * Nearest first. `filters.openNow` means "on duty now" for school posts (the API calls it activeNow);
 * `zoneKind` and `goods` apply to vending zones only.
 */
function nearby(kindKey, { latitude, longitude, radius = 3000, limit = 30, openNow = false, zoneKind = '', goods = '' }) {
  const k = kind(kindKey);
  const params = { lat: latitude.toFixed(6), lng: longitude.toFixed(6), radius, limit };
  if (openNow) {
    params[k.key === 'school-posts' ? 'activeNow' : 'openNow'] = true;
  }
  if (k.key === 'vending-zones') {
    params.kind = zoneKind;
    params.goods = goods.trim();
  }
  return request({ path: k.path + '/nearby' + query(params), auth: false });
}

function one(kindKey, id) {
  return request({ path: kind(kindKey).path + '/' + encodeURIComponent(id), auth: false });
}

module.exports = { KINDS, ZONE_KINDS, kind, nearby, one };
