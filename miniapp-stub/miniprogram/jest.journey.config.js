// The client's own modules against the real backend: the packaged jar, started by the test.
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/journey'],
  testMatch: ['**/*.test.js'],
  testTimeout: 180000,
};
