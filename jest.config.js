/** Tests run against real Postgres, Redis and Chromium; ts-jest's ESM preset compiles them. */
export default {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/packages', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^@gearsync/([a-z]+)$': '<rootDir>/packages/$1/src/index.ts',
    '^@gearsync/([a-z]+)/([a-z-]+)$': '<rootDir>/packages/$1/src/$2.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }],
  },
  // Each wait inside a test carries its own limit, and that limit is what fails a test; jest's
  // own only catches a hang, so it sits above the longest wait (180 s) on a loaded CI machine.
  testTimeout: 240_000,
  maxWorkers: 2,
};
