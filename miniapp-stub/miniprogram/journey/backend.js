// Starts the packaged backend jar in local mode on free ports (its own embedded Redis, WeChat and
// SMS stand-ins, data in a temporary directory) and stops it again.
const { spawn } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

const JAR = process.env.BACKEND_JAR || path.join(__dirname, '../../../backend/target/backend-0.1.0-SNAPSHOT.jar');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilReady(url, child, log, deadline) {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error('the backend exited with ' + child.exitCode + ':\n' + log().slice(-4000));
    }
    try {
      const res = await fetch(url + '/actuator/health/readiness');
      if (res.status === 200) {
        return;
      }
    } catch (e) {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the backend was not ready in time:\n' + log().slice(-4000));
}

/** {@code extraArgs}: more --name=value settings for this run (the console's browser tests add theirs). */
async function start({ adminPassword, extraArgs = [] }) {
  if (!fs.existsSync(JAR)) {
    throw new Error('no backend jar at ' + JAR + ': run ./mvnw package first (./mvnw verify runs this journey after packaging)');
  }
  const [http, wechat, sms, hotline] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cityservice-journey-'));
  const java = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  const args = [
    '-Xmx512m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1',
    '-jar', JAR,
    '--spring.profiles.active=local',
    '--server.port=' + http,
    '--app.wechat.local-platform-port=' + wechat,
    '--app.sms.local-platform-port=' + sms,
    '--app.hotline.local-platform-port=' + hotline,
    '--app.redis.embedded.data-dir=' + path.join(dir, 'redis'),
    '--app.uploads.dir=' + path.join(dir, 'photos'),
    '--app.identity.bootstrap-admin.password=' + adminPassword,
    // a survey a second after closing, swept every second, at any hour of the test run
    '--app.surveys.delay=1s',
    '--app.surveys.sweep-interval=1s',
    '--app.complaints.notice-interval=1s',
    '--app.quiet-hours.start=00:00',
    '--app.quiet-hours.end=00:00',
    '--logging.level.root=WARN',
    ...extraArgs,
  ];
  let output = '';
  const child = spawn(java, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const url = 'http://127.0.0.1:' + http;
  await waitUntilReady(url, child, () => output, Date.now() + 150000);
  return {
    url,
    wechat: 'http://127.0.0.1:' + wechat,
    sms: 'http://127.0.0.1:' + sms,
    hotline: 'http://127.0.0.1:' + hotline,
    log: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 20000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

module.exports = { start };
