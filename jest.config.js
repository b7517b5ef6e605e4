/**
 * Jest in native ESM mode (Nest 12 ships as ES modules only): run through
 * `npm test`, which passes --experimental-vm-modules and starts Redis and
 * PostgreSQL. Pure logic is tested beside the code; e2e tests live in test/.
 */
const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
};

export default {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    // repositories and infrastructure against a real database (SQLite or PostgreSQL): between unit and e2e
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
    // every view in Chromium at 1366×768 and 360×740 against the built server, and each role's flows (scripts/test.sh runs it once)
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'] },
  ],
  // e2e tests start processes and wait for real deliveries; a project-level timeout is not honoured
  testTimeout: 60000,
};
