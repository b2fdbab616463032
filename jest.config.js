/**
 * One jest run, several projects: each kind of test has its own environment and transform.
 * The README's test command runs them all.
 */
module.exports = {
  testTimeout: 60000,
  projects: ['<rootDir>/tests/jest.node.config.js', '<rootDir>/tests/jest.client.config.js', '<rootDir>/tests/jest.weapp.config.js'],
}
