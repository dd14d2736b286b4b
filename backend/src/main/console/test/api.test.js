import { describe, expect, test, vi } from 'vitest';
import { createApi } from '../src/lib/api.js';
import { createSession } from '../src/lib/session.js';
import { stickyFilters } from '../src/lib/filters.js';

function memory() {
  const data = new Map();
  return { getItem: (k) => (data.has(k) ? data.get(k) : null), setItem: (k, v) => data.set(k, String(v)), removeItem: (k) => data.delete(k) };
}

function answer(status, body, headers = {}) {
  return { ok: status < 400, status, headers: new Headers({ 'content-type': 'application/problem+json', ...headers }), json: async () => body, text: async () => JSON.stringify(body) };
}

describe('the API client', () => {
  test('sends the bearer token and reads the ETag', async () => {
    const session = createSession(memory());
    session.start('T1', { username: 'a', role: 'ADMIN' });
    const fetchImpl = vi.fn(async () => answer(200, { trackingNo: 'JZ1' }, { 'content-type': 'application/json', etag: '"3"' }));
    const api = createApi({ session, fetchImpl });
    const { data, etag } = await api.getWithVersion('/api/v1/admin/complaints/JZ1');
    expect(fetchImpl.mock.calls[0][1].headers.Authorization).toBe('Bearer T1');
    expect(data.trackingNo).toBe('JZ1');
    expect(etag).toBe('"3"');
  });

  test('a problem becomes an ApiError with the server\'s Chinese detail and field errors', async () => {
    const session = createSession(memory());
    const api = createApi({ session, fetchImpl: async () => answer(423, { code: 'account-locked', detail: '密码错误次数过多,账号已锁定,请 14 分钟后再试' }) });
    await expect(api.post('/api/v1/admin/auth/login', {})).rejects.toMatchObject({ status: 423, code: 'account-locked', message: '密码错误次数过多,账号已锁定,请 14 分钟后再试' });
    const api2 = createApi({ session, fetchImpl: async () => answer(400, { code: 'validation-failed', detail: '提交的内容有误', errors: [{ field: 'note', message: '“退回”须填写说明' }] }) });
    await expect(api2.post('/x', {})).rejects.toMatchObject({ message: '提交的内容有误(note:“退回”须填写说明)' });
  });

  test('a 401 ends the session (token gone from storage) and says why', async () => {
    const storage = memory();
    const session = createSession(storage);
    session.start('T1', { username: 'a', role: 'ADMIN' });
    const ended = vi.fn();
    const api = createApi({ session, onSessionEnded: ended, fetchImpl: async () => answer(401, { code: 'unauthorized', detail: '登录已失效,请重新登录' }) });
    await expect(api.get('/api/v1/admin/me')).rejects.toMatchObject({ status: 401 });
    expect(ended).toHaveBeenCalled();
    expect(session.signedIn).toBe(false);
    expect(storage.getItem('cs.console.token')).toBeNull();
    expect(session.state.endedBecause).toBe('登录已失效,请重新登录');
  });

  test('no network reads as a Chinese offline message', async () => {
    const api = createApi({ session: createSession(memory()), fetchImpl: async () => { throw new TypeError('Failed to fetch'); } });
    await expect(api.get('/x')).rejects.toMatchObject({ code: 'offline', message: '无法连接服务器,请检查网络后重试' });
  });
});

describe('filters that stick', () => {
  test('come back per user and screen, only the known names', () => {
    const storage = memory();
    const first = stickyFilters('cases', 'zhao', { status: '', sort: 'deadline' }, storage);
    first.save({ status: 'DISPATCHED', sort: 'newest', token: 'never stored' });
    expect(stickyFilters('cases', 'zhao', { status: '', sort: 'deadline' }, storage).initial).toEqual({ status: 'DISPATCHED', sort: 'newest' });
    expect(stickyFilters('cases', 'li', { status: '', sort: 'deadline' }, storage).initial).toEqual({ status: '', sort: 'deadline' });
    expect(storage.getItem('cs.console.filters.zhao.cases')).not.toContain('never stored');
  });
});
