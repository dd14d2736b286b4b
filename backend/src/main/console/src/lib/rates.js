import { percent } from './format.js';

// The columns of the 考核 table: each rate beside the counts it comes from (as the API answers them).
export const RATE_COLUMNS = [
  { label: '受理量', text: (r) => r.received },
  { label: '响应率', text: (r) => percent(r.responseRate) },
  { label: '解决率', text: (r) => percent(r.resolutionRate) },
  { label: '满意率', text: (r) => percent(r.satisfactionRate) },
  { label: '回访数', text: (r) => r.answered },
  { label: '应结案', text: (r) => r.dueToClose },
  { label: '结案率', text: (r) => percent(r.closureRate) },
  { label: '按期结案率', text: (r) => percent(r.onTimeClosureRate), width: 110 },
  { label: '返工率', text: (r) => percent(r.reworkRate) },
];

/** The first and last day of the month of a yyyy-MM-dd day. */
export function monthRange(day) {
  const [y, m] = day.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const mm = String(m).padStart(2, '0');
  return [`${y}-${mm}-01`, `${y}-${mm}-${String(last).padStart(2, '0')}`];
}

export function daysBetween(from, to) {
  const out = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86400000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

/** The city's received and closed per day, from the day-by-day counters (at most 92 days up to `to`). */
export async function dailyTrend(api, from, to) {
  if (!from || !to) return [];
  const days = daysBetween(from, to);
  const first = days[Math.max(0, days.length - 92)];
  const found = await api.get('/api/v1/admin/stats/daily', { from: first, to });
  return found.map((d) => ({ day: d.day, received: d.rates.received, closed: d.rates.closed }));
}
