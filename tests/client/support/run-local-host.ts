/**
 * Child-process entry for the tests: starts the local host on a free port with the data folder
 * given as the first argument, prints its URL as one JSON line, and closes it on SIGTERM.
 */
import { startLocalHost } from '../../../local/host'

startLocalHost({ dataDir: process.argv[2], port: 0 }).then(
  (host) => {
    process.stdout.write(`${JSON.stringify({ url: host.url })}\n`)
    process.once('SIGTERM', () => {
      void host.close().then(() => process.exit(0))
    })
  },
  (error) => {
    console.error(error)
    process.exit(1)
  },
)
