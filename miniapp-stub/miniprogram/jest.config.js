// Pages and modules in Node: miniprogram-simulate renders each page (written with Component(), which
// WeChat accepts for pages) with its pure-JS compiler; wx.* is a mock backed by a fake backend.
module.exports = {
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.js'],
  testTimeout: 15000,
};
