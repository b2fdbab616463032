/**
 * The deploy's steps against an in-memory CloudBase environment that behaves as the real one does where
 * it matters: an update replaces a function's whole set of variables.
 */
import type { IndexSpec } from '../../database/manifest'
import { applyPlan, DeployError } from '../../scripts/deploy/apply'
import type { DeployPlan } from '../../scripts/deploy/check'
import type { StorageRule } from '../../scripts/deploy/rules'
import type { CloudBaseTarget, FunctionSettings, OnlineFunction } from '../../scripts/deploy/target'
import { VARIABLES } from '../../scripts/deploy/variables'

class FakeEnvironment implements CloudBaseTarget {
  functions = new Map<string, OnlineFunction>()
  collections = new Map<string, IndexSpec[]>()
  rule: StorageRule | null = null
  /** Every change, in order; reads are not changes. */
  changes: string[] = []
  failOn?: string

  private change(what: string) {
    if (this.failOn === what) throw new Error('InternalError: try again later')
    this.changes.push(what)
  }
  async getFunction(name: string) {
    const found = this.functions.get(name)
    return found ? structuredClone(found) : null
  }
  async createFunction(settings: FunctionSettings) {
    this.change(`create ${settings.name}`)
    this.functions.set(settings.name, { timeout: settings.timeout, variables: { ...settings.variables }, triggers: [] })
  }
  async updateFunctionCode(settings: FunctionSettings) {
    this.change(`code ${settings.name}`)
  }
  async updateFunctionConfig(settings: FunctionSettings) {
    this.change(`config ${settings.name}`)
    Object.assign(this.functions.get(settings.name)!, { timeout: settings.timeout, variables: { ...settings.variables } })
  }
  async createTrigger(name: string, trigger: { name: string; cron: string }) {
    this.change(`trigger ${name} ${trigger.name}`)
    this.functions.get(name)!.triggers.push(trigger)
  }
  async deleteTrigger(name: string, triggerName: string) {
    this.change(`untrigger ${name} ${triggerName}`)
    const fn = this.functions.get(name)!
    fn.triggers = fn.triggers.filter((t) => t.name !== triggerName)
  }
  async getIndexes(collection: string) {
    return this.collections.get(collection) ?? null
  }
  async createCollection(collection: string) {
    this.change(`collection ${collection}`)
    this.collections.set(collection, [])
  }
  async createIndexes(collection: string, indexes: IndexSpec[]) {
    this.change(`indexes ${collection} ${indexes.map((i) => i.name).join(',')}`)
    this.collections.get(collection)!.push(...indexes)
  }
  async getStorageRule() {
    return this.rule
  }
  async setStorageRule(rule: StorageRule) {
    this.change('storage rule')
    this.rule = rule
  }
}

const plan: DeployPlan = {
  envId: 'prod-1a2b3c',
  secretId: 'id',
  secretKey: 'key',
  values: { LINLI_CHECKIN_SECRET: 'x'.repeat(40), LINLI_MINIPROGRAM_ENV_VERSION: 'trial' },
  variables: VARIABLES,
  functions: [
    {
      name: 'activities',
      timeout: 10,
      runtime: 'Nodejs16.13',
      handler: 'index.main',
      triggers: [],
      variables: ['LINLI_CHECKIN_SECRET', 'LINLI_MINIPROGRAM_ENV_VERSION', 'LINLI_SUBSCRIBE_TEMPLATES'],
      openApis: [],
    },
    {
      name: 'scheduler',
      timeout: 60,
      runtime: 'Nodejs16.13',
      handler: 'index.main',
      triggers: [{ name: 'every-minute', type: 'timer', config: '0 * * * * * *' }],
      variables: ['LINLI_SUBSCRIBE_TEMPLATES'],
      openApis: [],
    },
  ],
  collections: {
    collections: {
      people: { indexes: [{ name: 'openid_unique', keys: { openid: 1 }, unique: true }] },
      communities: { indexes: [{ name: 'centre_2dsphere', keys: { centre: '2dsphere' } }] },
    },
  },
  storageRule: { read: 'auth != null', write: 'auth != null && resource.openid == auth.openid' },
}

const quiet = () => undefined

describe('applyPlan', () => {
  it('sets up an empty environment, and a second run changes nothing but the uploaded code', async () => {
    const env = new FakeEnvironment()
    await applyPlan(plan, env, '/repo', quiet)
    expect(env.changes).toEqual([
      'create activities',
      'create scheduler',
      'trigger scheduler every-minute',
      'collection people',
      'indexes people openid_unique',
      'collection communities',
      'indexes communities centre_2dsphere',
      'storage rule',
    ])
    expect(env.functions.get('activities')!.variables).toEqual({
      LINLI_CHECKIN_SECRET: 'x'.repeat(40),
      LINLI_MINIPROGRAM_ENV_VERSION: 'trial',
      LINLI_SUBSCRIBE_TEMPLATES: '{}',
    })

    env.changes = []
    await applyPlan(plan, env, '/repo', quiet)
    expect(env.changes).toEqual(['code activities', 'code scheduler'])
  })

  it('keeps what was set in the console: an optional variable .env leaves out, and one it does not declare', async () => {
    const env = new FakeEnvironment()
    await applyPlan(plan, env, '/repo', quiet)
    const templates = '{"needAccepted": "AbC"}'
    env.functions.get('activities')!.variables = { LINLI_SUBSCRIBE_TEMPLATES: templates, LINLI_CHECKIN_SECRET: 'old', OPS_NOTE: 'x' }
    const logged: string[] = []
    await applyPlan(plan, env, '/repo', (line) => logged.push(line))
    expect(env.functions.get('activities')!.variables).toEqual({
      LINLI_SUBSCRIBE_TEMPLATES: templates,
      LINLI_CHECKIN_SECRET: 'x'.repeat(40),
      LINLI_MINIPROGRAM_ENV_VERSION: 'trial',
      OPS_NOTE: 'x',
    })
    expect(logged).toContain('  activities: kept variables not declared in scripts/deploy/variables.ts: OPS_NOTE')
  })

  it('replaces a timer whose cron changed', async () => {
    const env = new FakeEnvironment()
    await applyPlan(plan, env, '/repo', quiet)
    env.functions.get('scheduler')!.triggers = [{ name: 'every-minute', cron: '0 */5 * * * * *' }]
    env.changes = []
    await applyPlan(plan, env, '/repo', quiet)
    expect(env.changes).toEqual(['code activities', 'code scheduler', 'untrigger scheduler every-minute', 'trigger scheduler every-minute'])
  })

  it('stops at the first failing step, naming it, and does nothing after it', async () => {
    const env = new FakeEnvironment()
    env.failOn = 'collection people'
    const run = applyPlan(plan, env, '/repo', quiet)
    await expect(run).rejects.toThrow(DeployError)
    await expect(run).rejects.toThrow('collection people: create: InternalError: try again later')
    expect(env.changes).toEqual(['create activities', 'create scheduler', 'trigger scheduler every-minute'])
    expect(env.rule).toBeNull()

    env.failOn = undefined
    await applyPlan(plan, env, '/repo', quiet)
    expect([...env.collections.keys()]).toEqual(['people', 'communities'])
    expect(env.rule).toEqual(plan.storageRule)
  })

  it('refuses to touch an index that differs online under the same name', async () => {
    const env = new FakeEnvironment()
    env.collections.set('people', [{ name: 'openid_unique', keys: { openid: 1 } }])
    await expect(applyPlan(plan, env, '/repo', quiet)).rejects.toThrow('collection people: index openid_unique differs online')
    expect(env.changes).not.toContain('indexes people openid_unique')
  })
})
