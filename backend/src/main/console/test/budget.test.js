// @vitest-environment node
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { initialJavaScript } from '../tools/initial-js.js';

// the build Maven made before the tests (console.sh build at generate-resources)
const BUILT = path.resolve(process.cwd(), '../../../target/classes/static/console');

describe.skipIf(!fs.existsSync(`${BUILT}/index.html`))('the built console', () => {
  test('loads under 400 KB of gzipped JavaScript before the login screen; maps and charts come later', () => {
    const found = initialJavaScript(BUILT);
    expect(found.files.length).toBeGreaterThan(0);
    expect(found.gzip).toBeLessThan(400 * 1024);
    expect(found.files.map((f) => f.file).join(' ')).not.toMatch(/echarts|leaflet/);
  });

  test('has no inline script for the Content-Security-Policy to refuse', () => {
    const html = fs.readFileSync(`${BUILT}/index.html`, 'utf8');
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(html).not.toMatch(/<style/);
    expect(html).toContain('<script type="module" crossorigin src="/console/assets/');
  });
});
