// One config, three projects selected by file suffix:
//   *.spec.ts      unit tests (pure, no I/O)
//   *.int.test.ts  integration tests against real PostgreSQL, SQLite and the EventStoreDB test server
//   *.e2e.test.ts  end-to-end tests over HTTP
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const base = {
  testEnvironment: 'node',
  transform: { '^.+\\.(ts|js)$': swc },
  // content-disposition (needed by @fastify/static for the /docs UI) ships only ESM: let swc turn it into CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: { '^@pledge-ledger/(.*)$': '<rootDir>/libs/$1/src' },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/'],
};

module.exports = {
  // testTimeout inside `projects` is ignored by Jest, so it is set once here.
  testTimeout: 60000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts'] },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.int.test.ts'],
    },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.e2e.test.ts'],
      globalSetup: '<rootDir>/test/support/build-global-setup.js',
    },
  ],
};
