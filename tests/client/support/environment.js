const { TestEnvironment } = require('jest-environment-jsdom')

/**
 * jsdom has no `fetch`; the H5 transport and the weapp tests' cloud bridge reach the local host
 * over HTTP with it, so the test realm gets Node's own.
 */
module.exports = class JsdomWithFetch extends TestEnvironment {
  constructor(config, context) {
    super(config, context)
    Object.assign(this.global, { fetch })
  }
}
