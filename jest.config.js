/** Unit specs beside the code (src/**\/*.spec.ts) and e2e specs in test/ (test/**\/*.e2e-spec.ts). */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.test.json' }] },
  testRegex: '(src|test)/.*\\.(spec|e2e-spec)\\.ts$',
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/test/browser/'],
  testTimeout: 60_000,
  maxWorkers: 2,
};
