// The queue with 2,000 cases in scope: how soon the first page shows, how long scrolling through all of
// them takes (pages of 100 loaded as the table nears its end), and how smooth it stays (frame gaps and
// long tasks while scrolling), in headless Chromium against the packaged jar. Prints a Markdown table.
//   CASES=2000 node e2e/queue-bench.js        (bash bench/console-queue.sh runs it after packaging)
import { startBackend } from './backend.js';
import { ADMIN_PASSWORD, json, report, resident } from './api.js';
import { launch, login, openConsole } from './browser.js';

const CASES = Number(process.env.CASES || 2000);
const PER_RESIDENT = 10; // the hourly submission limit

async function fill(backend) {
  const started = Date.now();
  let filed = 0;
  const residents = Math.ceil(CASES / PER_RESIDENT);
  const work = Array.from({ length: residents }, (_, i) => i);
  async function worker() {
    while (work.length) {
      work.pop();
      const token = await resident(backend);
      for (let k = 0; k < PER_RESIDENT && filed < CASES; k++) {
        filed++;
        await report(backend, token, {
          lat: 35.2405 + (Math.random() - 0.5) * 0.05, lng: 113.1681 + (Math.random() - 0.5) * 0.05,
          description: `基准测试诉求 ${filed}:人行道占道经营`,
        });
      }
    }
  }
  await Promise.all(Array.from({ length: 8 }, worker));
  return (Date.now() - started) / 1000;
}

// hundreds of residents log in from one address here; in the field each has their own
const backend = await startBackend({ adminPassword: ADMIN_PASSWORD, extraArgs: ['--app.identity.login.resident-per-address-per-minute=100000'] });
const browser = await launch();
try {
  const seconds = await fill(backend);
  const { data: admin } = await json(backend.url, 'POST', '/api/v1/admin/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
  const { data: total } = await json(backend.url, 'GET', '/api/v1/admin/complaints?size=1', undefined, admin.token);
  const page = await openConsole(browser, backend);
  await login(page, 'admin', ADMIN_PASSWORD);
  const t0 = Date.now();
  await page.waitForURL(/#\/cases/);
  await page.locator('.el-table-v2__row').first().waitFor();
  const firstRows = Date.now() - t0;

  // scroll with the mouse wheel, as a dispatcher does, until every case is loaded (pages of 100 on the way),
  // recording the gaps between frames and the long tasks in the page meanwhile
  await page.evaluate(() => {
    const m = { gaps: [], longTasks: [], running: true };
    globalThis.benchMeasure = m;
    new PerformanceObserver((list) => list.getEntries().forEach((e) => m.longTasks.push(e.duration))).observe({ type: 'longtask' });
    let last = performance.now();
    (function frame(now) {
      m.gaps.push(now - last);
      last = now;
      if (m.running) requestAnimationFrame(frame);
    })(last);
  });
  const box = await page.locator('.table-panel').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const loaded = () => page.locator('.table-panel').getAttribute('data-loaded').then(Number);
  const started = Date.now();
  let wheels = 0;
  while ((await loaded()) < total.total && Date.now() - started < 180000) {
    await page.mouse.wheel(0, 800);
    wheels++;
  }
  const scrollMs = Date.now() - started;
  const scrolled = await page.evaluate(() => {
    const m = globalThis.benchMeasure;
    m.running = false;
    const sorted = m.gaps.slice(1).sort((a, b) => a - b);
    const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    return { frames: sorted.length, p50: q(0.5), p95: q(0.95), max: sorted[sorted.length - 1], longTasks: m.longTasks.length,
      longest: Math.max(0, ...m.longTasks), domRows: document.querySelectorAll('.el-table-v2__row').length };
  });
  const rows = await loaded();

  const f = (n) => n.toFixed(1);
  console.log(`| cases in scope | filled in | first rows shown | scrolled through all | frames | frame gap p50 / p95 / max | long tasks (longest) | rows in the DOM |`);
  console.log(`|---|---|---|---|---|---|---|---|`);
  console.log(`| ${total.total} | ${f(seconds)} s | ${firstRows} ms | ${rows} loaded in ${scrollMs} ms (${wheels} wheel turns of 800 px) | ${scrolled.frames} | ${f(scrolled.p50)} / ${f(scrolled.p95)} / ${f(scrolled.max)} ms | ${scrolled.longTasks} (${f(scrolled.longest)} ms) | ${scrolled.domRows} |`);
} finally {
  await browser.close();
  await backend.stop();
}
