/** Domain logic, the stand-in, the functions through the SDK, the local host, and the browser. */
module.exports = {
  displayName: 'node',
  rootDir: '..',
  testEnvironment: 'node',
  testMatch: [
    '<rootDir>/tests/domain/**/*.test.ts',
    '<rootDir>/tests/standin/**/*.test.ts',
    '<rootDir>/tests/functions/**/*.test.ts',
    '<rootDir>/tests/host/**/*.test.ts',
    '<rootDir>/tests/browser/**/*.test.ts',
  ],
  transform: {
    '^.+\\.tsx?$': [
      'ts-jest',
      { tsconfig: { module: 'commonjs', jsx: 'react-jsx', esModuleInterop: true, isolatedModules: true, resolveJsonModule: true } },
    ],
  },
  globalSetup: '<rootDir>/tests/support/global-setup.js',
}
