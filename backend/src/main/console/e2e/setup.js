// One backend for every browser test (vitest globalSetup): started once, with the staff the tests log in as.
import { startBackend } from './backend.js';
import { ADMIN_PASSWORD, STAFF, json } from './api.js';

let backend;

export async function setup({ provide }) {
  backend = await startBackend({ adminPassword: ADMIN_PASSWORD });
  const { data: login } = await json(backend.url, 'POST', '/api/v1/admin/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
  for (const s of Object.values(STAFF)) {
    const { status, data } = await json(backend.url, 'POST', '/api/v1/admin/staff', s, login.token);
    if (status !== 201 && status !== 200) throw new Error(`could not create ${s.username}: ${JSON.stringify(data)}`);
  }
  provide('backend', { url: backend.url, wechat: backend.wechat, hotline: backend.hotline });
}

export async function teardown() {
  if (backend) await backend.stop();
}
