/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  setupFiles: ['<rootDir>/test/setup.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Tests import TypeScript sources, never the compiled JavaScript beside them.
  moduleNameMapper: {},
  testPathIgnorePatterns: ['/node_modules/', '/cdk.out/'],
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};
