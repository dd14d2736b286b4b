// The open cases of the caller's scope, soonest deadline first, up to `limit` (pages of 100).
export const OPEN_STATUSES = ['RECEIVED', 'REGISTERED', 'DISPATCHED', 'HANDLED', 'VERIFIED', 'REOPENED'];

export async function openCases(api, limit = 500) {
  const out = [];
  for (const status of OPEN_STATUSES) {
    for (let page = 1; out.length < limit; page++) {
      const found = await api.get('/api/v1/admin/complaints', { status, sort: 'deadline', page, size: 100 });
      out.push(...found.items);
      if (found.items.length < 100) break;
    }
  }
  return out.slice(0, limit);
}
