/** `npm start`: the local host on PORT (3000 by default) with its data in .data/. */
import { resolve } from 'node:path'
import { startLocalHost } from './index'

const port = Number(process.env.PORT ?? 3000)
const dataDir = resolve(__dirname, '../../.data')

startLocalHost({ dataDir, port }).then(
  (host) => {
    console.log(`邻里守望 local host: http://localhost:${port}`)
    console.log(`  sign in as a demo person: http://localhost:${port}/local/sign-in`)
    console.log(`  API listing:               http://localhost:${port}/api`)
    console.log(`  outbox (messages):         http://localhost:${port}/local/outbox`)
    const stop = () =>
      void host.close().then(
        () => process.exit(0),
        (error) => {
          console.error(error)
          process.exit(1)
        },
      )
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  },
  (error) => {
    console.error(error)
    process.exit(1)
  },
)
