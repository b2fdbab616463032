/**
 * The adapter over @cloudbase/manager-node, against a recording stand-in of the SDK's methods (the package
 * itself is not installed): what it sends for each step, and how it reads what CloudBase answers.
 */
import { managerNodeTarget, type Manager } from '../../scripts/deploy/manager-node'

type Detail = Awaited<ReturnType<Manager['functions']['getFunctionDetail']>>

function recordingManager(details: (Detail | Error)[] = []) {
  const calls: [string, ...unknown[]][] = []
  const record =
    (name: string, answer: unknown = {}) =>
    async (...args: unknown[]) => {
      calls.push([name, ...args])
      return answer
    }
  const manager: Manager = {
    functions: {
      async getFunctionDetail(name) {
        calls.push(['getFunctionDetail', name])
        const next = details.length > 1 ? details.shift()! : details[0]
        if (next instanceof Error) throw next
        return next ?? { Status: 'Active' }
      },
      createFunction: record('createFunction'),
      updateFunctionCode: record('updateFunctionCode'),
      updateFunctionConfig: record('updateFunctionConfig'),
      createFunctionTriggers: record('createFunctionTriggers'),
      deleteFunctionTrigger: record('deleteFunctionTrigger'),
    },
    database: {
      checkCollectionExists: async (name) => ({ Exists: name === 'people' }),
      describeCollection: async () => ({
        Indexes: [
          { Name: '_id_', Unique: true, Keys: [{ Name: '_id', Direction: '1' }] },
          { Name: 'centre_2dsphere', Unique: false, Keys: [{ Name: 'centre', Direction: '2dsphere' }] },
          { Name: 'at_-1', Unique: false, Keys: [{ Name: 'at', Direction: '-1' }] },
        ],
      }),
      createCollection: record('createCollection'),
      updateCollection: record('updateCollection'),
    },
    env: { getEnvInfo: async () => ({ EnvInfo: { Storages: [{ Bucket: '6c69-prod-1a2b3c-1300000000' }] } }) },
    commonService: () => ({
      async call(options) {
        calls.push(['tcb', options])
        return options.Action === 'DescribeStorageSafeRule' ? { AclTag: 'READONLY', Rule: '' } : {}
      },
    }),
  }
  let pauses = 0
  const target = managerNodeTarget(manager, 'prod-1a2b3c', async () => {
    pauses++
  })
  return { target, calls, pauses: () => pauses }
}

const settings = {
  name: 'activities',
  timeout: 10,
  runtime: 'Nodejs16.13',
  handler: 'index.main',
  variables: { LINLI_CHECKIN_SECRET: 's' },
}

describe('the manager-node adapter', () => {
  it('reads a function as it is online: its variables and its timers, whichever way the cron comes', async () => {
    const { target } = recordingManager([
      {
        Status: 'Active',
        Timeout: 60,
        Environment: { Variables: [{ Key: 'LINLI_SUBSCRIBE_TEMPLATES', Value: '{}' }] },
        Triggers: [
          { TriggerName: 'every-minute', Type: 'timer', TriggerDesc: '{"cron":"0 * * * * * *"}' },
          { TriggerName: 'nightly', Type: 'timer', TriggerDesc: '0 0 3 * * * *' },
          { TriggerName: 'api', Type: 'apigw', TriggerDesc: '{}' },
        ],
      },
    ])
    expect(await target.getFunction('scheduler')).toEqual({
      timeout: 60,
      variables: { LINLI_SUBSCRIBE_TEMPLATES: '{}' },
      triggers: [
        { name: 'every-minute', cron: '0 * * * * * *' },
        { name: 'nightly', cron: '0 0 3 * * * *' },
      ],
    })
  })

  it('answers null for a function CloudBase does not have, and passes on any other failure', async () => {
    const missing = Object.assign(new Error('function not found'), { code: 'ResourceNotFound.Function' })
    expect(await recordingManager([missing]).target.getFunction('nope')).toBeNull()
    const denied = Object.assign(new Error('not allowed'), { code: 'AuthFailure.UnauthorizedOperation' })
    await expect(recordingManager([denied]).target.getFunction('account')).rejects.toThrow('not allowed')
  })

  it('sends the whole set of variables with the configuration, and waits until the function is Active again', async () => {
    const { target, calls, pauses } = recordingManager([{ Status: 'Updating' }, { Status: 'Updating' }, { Status: 'Active' }])
    await target.updateFunctionConfig(settings)
    expect(calls[0]).toEqual([
      'updateFunctionConfig',
      expect.objectContaining({ name: 'activities', timeout: 10, envVariables: { LINLI_CHECKIN_SECRET: 's' }, installDependency: true }),
    ])
    expect(pauses()).toBe(2)
  })

  it('stops when a function fails to install', async () => {
    const { target } = recordingManager([{ Status: 'CreateFailed' }])
    await expect(target.createFunction(settings, '/repo/cloudfunctions/activities')).rejects.toThrow('function activities is CreateFailed')
  })

  it('uploads a function from its folder, leaving the TypeScript entry and the source map at home', async () => {
    const { target, calls } = recordingManager()
    await target.updateFunctionCode(settings, '/repo/cloudfunctions/activities')
    const upload = calls.find(([name]) => name === 'updateFunctionCode')!
    expect(upload[1]).toEqual({
      func: expect.objectContaining({ name: 'activities', ignore: expect.arrayContaining(['main.ts', '*.map']) }),
      functionRootPath: '/repo/cloudfunctions',
    })
  })

  it('reads indexes with their directions, and creates new ones as CloudBase spells them', async () => {
    const { target, calls } = recordingManager()
    expect(await target.getIndexes('outbox')).toBeNull()
    expect(await target.getIndexes('people')).toEqual([
      { name: '_id_', unique: true, keys: { _id: 1 } },
      { name: 'centre_2dsphere', unique: false, keys: { centre: '2dsphere' } },
      { name: 'at_-1', unique: false, keys: { at: -1 } },
    ])
    await target.createIndexes('people', [
      { name: 'openid_unique', keys: { openid: 1 }, unique: true },
      { name: 'communityId_at', keys: { communityId: 1, at: -1 } },
    ])
    expect(calls).toEqual([
      [
        'updateCollection',
        'people',
        {
          CreateIndexes: [
            { IndexName: 'openid_unique', MgoKeySchema: { MgoIsUnique: true, MgoIndexKeys: [{ Name: 'openid', Direction: '1' }] } },
            {
              IndexName: 'communityId_at',
              MgoKeySchema: {
                MgoIsUnique: false,
                MgoIndexKeys: [
                  { Name: 'communityId', Direction: '1' },
                  { Name: 'at', Direction: '-1' },
                ],
              },
            },
          ],
        },
      ],
    ])
  })

  it('sets the storage rule as a custom rule on the environment’s bucket, and reads a preset as no rule', async () => {
    const { target, calls } = recordingManager()
    expect(await target.getStorageRule()).toBeNull()
    await target.setStorageRule({ read: 'auth != null', write: 'resource.openid == auth.openid' })
    expect(calls.at(-1)).toEqual([
      'tcb',
      {
        Action: 'ModifyStorageSafeRule',
        Param: {
          EnvId: 'prod-1a2b3c',
          Bucket: '6c69-prod-1a2b3c-1300000000',
          AclTag: 'CUSTOM',
          Rule: '{"read":"auth != null","write":"resource.openid == auth.openid"}',
        },
      },
    ])
  })
})
