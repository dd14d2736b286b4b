// One way to call the backend: bearer token, JSON in and out, RFC 9457 problems as ApiError with the
// server's Chinese detail; a 401 ends the session and sends the user back to the login screen.

export class ApiError extends Error {
  constructor(status, code, message, problem = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.problem = problem;
  }

  /** The field errors of a 400, by field name. */
  get fields() {
    const out = {};
    for (const e of this.problem.errors || []) {
      out[e.field] = e.message;
    }
    return out;
  }
}

export function problemMessage(problem, status) {
  if (problem && problem.detail) {
    const fields = (problem.errors || []).map((e) => `${e.field}:${e.message}`);
    return fields.length ? `${problem.detail}(${fields.join(';')})` : problem.detail;
  }
  if (status >= 500) return '服务暂时不可用,请稍后重试';
  return `请求失败(${status})`;
}

export function createApi({ session, onSessionEnded = () => {}, fetchImpl = (...a) => globalThis.fetch(...a), base = '' }) {
  async function request(method, path, { body, query, headers = {}, raw = false, signal } = {}) {
    let url = base + path;
    if (query) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(query)) {
        if (v !== undefined && v !== null && v !== '') params.append(k, v);
      }
      const qs = params.toString();
      if (qs) url += (url.includes('?') ? '&' : '?') + qs;
    }
    const all = { Accept: 'application/json, application/problem+json', ...headers };
    if (session.token) all.Authorization = `Bearer ${session.token}`;
    let payload = body;
    if (body !== undefined && !(body instanceof FormData) && !(body instanceof Blob)) {
      all['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    let res;
    try {
      res = await fetchImpl(url, { method, headers: all, body: payload, signal });
    } catch (e) {
      if (e.name === 'AbortError') throw e;
      throw new ApiError(0, 'offline', '无法连接服务器,请检查网络后重试');
    }
    if (raw && res.ok) return res;
    const type = res.headers.get('content-type') || '';
    const data = res.status === 204 ? null : type.includes('json') ? await res.json().catch(() => null) : await res.text();
    if (!res.ok) {
      const problem = data && typeof data === 'object' ? data : {};
      const error = new ApiError(res.status, problem.code || `http-${res.status}`, problemMessage(problem, res.status), problem);
      if (res.status === 401 && session.token) {
        session.end('登录已失效,请重新登录');
        onSessionEnded(error);
      }
      throw error;
    }
    return { data, etag: res.headers.get('etag'), status: res.status };
  }

  return {
    request,
    get: (path, query, options = {}) => request('GET', path, { ...options, query }).then((r) => r.data),
    getWithVersion: (path) => request('GET', path),
    post: (path, body, options = {}) => request('POST', path, { ...options, body }),
    put: (path, body, options = {}) => request('PUT', path, { ...options, body }),
    del: (path, options = {}) => request('DELETE', path, options),
  };
}

// How deep the backend pages the staff lists of cases and surveys (Paging.MAX_DEPTH): filters narrow them beyond.
export const MAX_DEPTH = 10000;
