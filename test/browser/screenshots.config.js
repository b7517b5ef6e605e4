/**
 * `npm run screenshots` (scripts/screenshots.sh): the README's pictures, made
 * by driving Chromium through the real server. Not a test and not in
 * jest.config.js, so `npm test` never writes into the repository.
 */
export default {
  rootDir: '../..',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  testMatch: ['<rootDir>/test/browser/readme-screenshots.shots.ts'],
  testTimeout: 120000,
};
