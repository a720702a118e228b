/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  setupFiles: ['<rootDir>/test/setup.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
  },
  // The emulator runs from its compiled dist/ (its function workers are JavaScript files), and
  // the test apps use the construct library's compiled lib/ (`npm run compile` at the root).
  moduleFileExtensions: ['js', 'ts', 'json'],
  moduleNameMapper: {
    '^cdk-apigatewayv2$': '<rootDir>/../../lib/index.js',
    '^cdk-apigatewayv2/(integrations|authorizers)$': '<rootDir>/../../lib/$1/index.js',
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  // Each test file starts servers and worker threads; a hung handler must not hang the run.
  testTimeout: 30000,
  // Names every test, so that the browser tests skipped where Chromium is absent show by name.
  verbose: true,
};
