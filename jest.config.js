// Jest runs the TypeScript tests through ts-jest; type checking happens once in `npm run typecheck`.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  testTimeout: 60000,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
};
