/**
 * One jest run, several projects: each kind of test has its own environment and transform.
 * The README's test command runs them all.
 */
module.exports = {
  testTimeout: 60000,
  // Jest's default on a two-core machine is one worker; the function and browser tests spend much of
  // their time waiting on the stand-in and Chromium, so two files at once finish sooner.
  maxWorkers: 2,
  projects: ['<rootDir>/tests/jest.node.config.js', '<rootDir>/tests/jest.client.config.js', '<rootDir>/tests/jest.weapp.config.js'],
}
