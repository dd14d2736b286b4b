// What WeChat DevTools needs to import the project, checked without DevTools: every page in app.json
// has its four files, the JSON files parse, used components exist, and the pages the backend's
// subscribe messages open exist in the client.
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const read = (file) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const json = (file) => JSON.parse(read(file));

test('project.config.json, app.json and sitemap.json parse and agree', () => {
  const project = json('project.config.json');
  expect(project.compileType).toBe('miniprogram');
  expect(project.appid).toBeTruthy();
  const app = json('app.json');
  expect(app.sitemapLocation).toBe('sitemap.json');
  expect(json('sitemap.json').rules.length).toBeGreaterThan(0);
  expect(app.__usePrivacyCheck__).toBe(true);
  for (const tab of app.tabBar.list) {
    expect(app.pages).toContain(tab.pagePath);
  }
});

test('every page and component has its four files, and every used component exists', () => {
  const app = json('app.json');
  const components = [];
  for (const page of app.pages) {
    for (const ext of ['js', 'json', 'wxml', 'wxss']) {
      expect(fs.existsSync(path.join(ROOT, page + '.' + ext))).toBe(true);
    }
    const used = json(page + '.json').usingComponents || {};
    Object.values(used).forEach((c) => components.push(c.replace(/^\//, '')));
  }
  for (const component of new Set(components)) {
    expect(json(component + '.json').component).toBe(true);
    for (const ext of ['js', 'wxml', 'wxss']) {
      expect(fs.existsSync(path.join(ROOT, component + '.' + ext))).toBe(true);
    }
  }
});

test('the pages the backend\'s subscribe messages open exist in the client', () => {
  const yml = fs.readFileSync(path.join(ROOT, '../../backend/src/main/resources/application.yml'), 'utf8');
  const pages = [...yml.matchAll(/^\s+page:\s*(\S+)\s*$/gm)].map((m) => m[1]);
  expect(pages.length).toBeGreaterThanOrEqual(3);
  const app = json('app.json');
  for (const page of pages) {
    expect(app.pages).toContain(page);
  }
});

test('pages never call wx.request themselves: one request module talks to the backend', () => {
  const app = json('app.json');
  for (const page of app.pages) {
    expect(read(page + '.js')).not.toMatch(/wx\.(request|uploadFile|downloadFile)\(/);
  }
});
