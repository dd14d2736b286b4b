// Where the backend is, per mini-program version (wx.getAccountInfoSync().miniProgram.envVersion).
// develop is the quick start's backend on this computer: in WeChat DevTools tick
// 详情 → 本地设置 → 不校验合法域名. trial and release must be HTTPS domains listed in the
// mini-program console (开发管理 → 服务器域名).
const BASE_URLS = {
  develop: 'http://127.0.0.1:8080',
  trial: 'https://trial.cityservice.example.cn',
  release: 'https://cityservice.example.cn',
};

// 焦作市 (the demo city's centre, GCJ-02): used when the resident does not share her location
const CITY_CENTRE = { latitude: 35.215, longitude: 113.242, name: '焦作市人民政府' };

function envVersion() {
  try {
    return wx.getAccountInfoSync().miniProgram.envVersion || 'release';
  } catch (e) {
    return 'release';
  }
}

module.exports = {
  BASE_URLS,
  CITY_CENTRE,
  REQUEST_TIMEOUT_MS: 10000,
  UPLOAD_TIMEOUT_MS: 60000,
  baseUrl() {
    return BASE_URLS[envVersion()] || BASE_URLS.release;
  },
};
