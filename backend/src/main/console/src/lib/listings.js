import { fromRows, toRows } from './hours.js';

// The three kinds of place, their admin paths and how a form maps to their request bodies.
export const KINDS = {
  stations: { label: '便民服务站', path: '/api/v1/admin/stations' },
  'vending-zones': { label: '疏导点', path: '/api/v1/admin/vending-zones' },
  'school-posts': { label: '护学岗', path: '/api/v1/admin/school-posts' },
};

export const VENDING_KINDS = { FRUIT: '瓜果疏导区', CONVENIENCE: '便民销售点', BREAKFAST: '早餐车', NIGHT_MARKET: '夜市' };

const list = (text) => text.split(/[,,、\n]+/).map((s) => s.trim()).filter(Boolean);

/** A listing (or nothing, for a new one) as the editor's form. */
export function toForm(kind, l = {}) {
  return {
    name: l.name || '', address: l.address || '', district: l.district || '', subdistrict: l.subdistrict || '',
    lat: l.location?.lat ?? null, lng: l.location?.lng ?? null, phone: l.phone || '',
    hours: toRows(l.hours || {}),
    closures: (l.closures || []).map((c) => ({ from: c.from, to: c.to, reason: c.reason || '' })),
    services: (l.services || []).join('、'),
    kind: l.kind || 'CONVENIENCE', season: l.season || '', goods: (l.goods || []).join('、'), stalls: l.stalls ?? 0,
    schoolName: l.schoolName || '', dutyWindows: (l.dutyWindows || []).join(', '), dutyUnit: l.dutyUnit || '',
  };
}

/** The form as the request body of its kind, or { error } in Chinese. */
export function toRequest(kind, f) {
  const common = {
    name: f.name.trim(), address: f.address.trim(), district: f.district.trim(), subdistrict: f.subdistrict.trim(),
    location: { lat: f.lat, lng: f.lng }, phone: f.phone.trim(),
  };
  if (kind === 'school-posts') {
    return { body: { ...common, schoolName: f.schoolName.trim(), dutyWindows: list(f.dutyWindows), dutyUnit: f.dutyUnit.trim() } };
  }
  const hours = fromRows(f.hours);
  if (hours.error) return { error: hours.error };
  if (kind === 'stations') {
    return { body: { ...common, hours: hours.hours, closures: f.closures.filter((c) => c.from && c.to), services: list(f.services) } };
  }
  return { body: { ...common, hours: hours.hours, kind: f.kind, season: f.season.trim() || null, goods: list(f.goods), stalls: f.stalls } };
}
