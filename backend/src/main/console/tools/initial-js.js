// What a first visit to /console/ downloads before it can draw the login screen: the entry script and
// every chunk it imports statically (Vite lists them as modulepreload links), gzipped as served.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export function initialJavaScript(dir) {
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/console\/([^"]+\.js)"/g)].map((m) => m[1]);
  const seen = new Set();
  const queue = [...files];
  // follow static imports between chunks too (an entry can import shared chunks without a preload link)
  while (queue.length) {
    const file = queue.shift();
    if (seen.has(file)) continue;
    seen.add(file);
    const code = fs.readFileSync(path.join(dir, file), 'utf8');
    for (const m of code.matchAll(/(?:^|[;}\s])import\s*(?:[\w{}\s,*$]+from\s*)?["']\.\/([^"']+\.js)["']/g)) {
      queue.push(path.posix.join(path.posix.dirname(file), m[1]));
    }
  }
  const sizes = [...seen].map((file) => {
    const raw = fs.readFileSync(path.join(dir, file));
    return { file, raw: raw.length, gzip: zlib.gzipSync(raw, { level: 9 }).length };
  });
  return { files: sizes, raw: sizes.reduce((a, f) => a + f.raw, 0), gzip: sizes.reduce((a, f) => a + f.gzip, 0) };
}

if (process.argv[1] && process.argv[1].endsWith('initial-js.js')) {
  const dir = process.argv[2] || new URL('../../../../target/classes/static/console', import.meta.url).pathname;
  const found = initialJavaScript(dir);
  for (const f of found.files) console.log(`${f.file}\t${(f.raw / 1024).toFixed(1)} KB\t${(f.gzip / 1024).toFixed(1)} KB gzip`);
  console.log(`initial JavaScript: ${(found.raw / 1024).toFixed(1)} KB, ${(found.gzip / 1024).toFixed(1)} KB gzipped`);
}
