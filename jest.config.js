/** Jest: ts-jest transpiles only (isolatedModules); `npm run typecheck` does the type-checking. */
module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }],
    // the vendored AES is an ES module (see scripts/vendor-options.js)
    '[\\/]plugin[\\/]protocol[\\/]vendor[\\/]noble-aes\\.js$': '<rootDir>/test/setup/esm-to-cjs.js',
  },
  setupFiles: ['<rootDir>/test/setup/globals.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/setup/no-unhandled-rejections.ts'],
  testTimeout: 30000,
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/examples/'],
  globalSetup: '<rootDir>/test/setup/temp-dir-setup.js',
  globalTeardown: '<rootDir>/test/setup/temp-dir-teardown.js',
  reporters: ['default', '<rootDir>/test/setup/summary-reporter.js'],
};
