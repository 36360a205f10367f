/** Browser tests: real Chromium (Debian's /usr/bin/chromium) against the real app. `npm run test:browser`. */
export default {
  rootDir: '../..',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.test.json' }] },
  testRegex: 'test/browser/.*\\.browser-spec\\.ts$',
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  testTimeout: 120_000,
  verbose: true,
  // Each file starts its own app and Chromium; two at once is what a CI box comfortably runs.
  maxWorkers: 2,
};
