// The packaged backend for the console's browser tests: the mini-program journey's starter (the jar in
// local mode on free ports, its own embedded Redis and stand-ins, data in a temporary directory), with
// what a room of browsers on one machine needs besides.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { start } = require('../../../../../miniapp-stub/miniprogram/journey/backend.js');

export function startBackend({ adminPassword, extraArgs = [] }) {
  // every browser logs in from loopback here; in the field each staff member has their own address
  return start({ adminPassword, extraArgs: ['--app.identity.login.per-address-per-minute=1000', ...extraArgs] });
}
