import { defineConfig } from 'vitest/config';

// The browser tests: one backend (globalSetup) shared by every file, files one after another (2 cores).
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.js'],
    globalSetup: ['e2e/setup.js'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 90000,
    hookTimeout: 180000,
    // a poll waits on a click, a round trip and a render beside a JVM and Chromium on 2 cores: not Vitest's 1 s
    expect: { poll: { timeout: 15000 } },
  },
});
