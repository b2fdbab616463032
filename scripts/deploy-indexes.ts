/**
 * `npm run deploy:indexes`: creates the collections and indexes of database/collections.json
 * in a CloudBase environment through WeChat's HTTP API (indexes cannot be declared in
 * cloudbaserc.json). Needs WECHAT_APPID, WECHAT_APPSECRET and CLOUDBASE_ENV.
 */
import { loadManifest, type Manifest } from '../database/manifest'

/** The body of one `POST /tcb/updateindex` per collection, from the manifest. */
export function updateIndexBodies(indexManifest: Manifest, env: string) {
  return Object.entries(indexManifest.collections).map(([collection, { indexes }]) => ({
    env,
    collection_name: collection,
    create_indexes: indexes.map((index) => ({
      name: index.name,
      unique: index.unique ?? false,
      keys: Object.entries(index.keys).map(([name, direction]) => ({ name, direction: String(direction) })),
    })),
    drop_indexes: [] as { name: string }[],
  }))
}

const api = 'https://api.weixin.qq.com'

async function post(path: string, token: string, body: object): Promise<{ errcode: number; errmsg: string }> {
  const response = await fetch(`${api}${path}?access_token=${token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return (await response.json()) as { errcode: number; errmsg: string }
}

async function deploy() {
  const { WECHAT_APPID, WECHAT_APPSECRET, CLOUDBASE_ENV } = process.env
  if (!WECHAT_APPID || !WECHAT_APPSECRET || !CLOUDBASE_ENV) {
    throw new Error('set WECHAT_APPID, WECHAT_APPSECRET and CLOUDBASE_ENV')
  }
  const tokenUrl = `${api}/cgi-bin/token?grant_type=client_credential&appid=${WECHAT_APPID}&secret=${WECHAT_APPSECRET}`
  const { access_token: token } = (await (await fetch(tokenUrl)).json()) as { access_token?: string }
  if (!token) throw new Error('WeChat gave no access token: check the app id and secret')

  for (const body of updateIndexBodies(loadManifest(), CLOUDBASE_ENV)) {
    const created = await post('/tcb/databasecollectionadd', token, { env: CLOUDBASE_ENV, collection_name: body.collection_name })
    console.log(`collection ${body.collection_name}: ${created.errcode === 0 ? 'created' : created.errmsg}`)
    if (body.create_indexes.length === 0) continue
    const indexed = await post('/tcb/updateindex', token, body)
    console.log(`  indexes: ${indexed.errcode === 0 ? body.create_indexes.map((i) => i.name).join(', ') : indexed.errmsg}`)
  }
}

if (process.argv[1] === __filename) {
  deploy().catch((error) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  })
}
