/**
 * Which CloudBase environment the weapp's `cloud.init` names. A real environment id has a random
 * suffix (`linli-1g2h3j`), so no default can be right for an upload: a release build refuses to
 * run without CLOUDBASE_ENV, and any other build says plainly that it is local.
 */
export const LOCAL_CLOUD_ENV = 'local'

export interface CloudEnvChoice {
  env: string
  release: boolean
}

/** `LINLI_RELEASE=1` is set by `npm run build:weapp:release`, the build meant for upload. */
export function weappCloudEnv(vars: Record<string, string | undefined>): CloudEnvChoice {
  const release = vars.LINLI_RELEASE === '1'
  const env = vars.CLOUDBASE_ENV?.trim() || LOCAL_CLOUD_ENV
  if (release && env === LOCAL_CLOUD_ENV) {
    throw new Error('build:weapp:release needs CLOUDBASE_ENV=<your CloudBase environment id> (the id with its suffix, from the console)')
  }
  return { env, release }
}
