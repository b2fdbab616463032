import Taro from '@tarojs/taro'

/** The cloud function gets `{action, data}`; the caller's identity comes from the platform. */
export async function send(functionName: string, action: string, data: unknown): Promise<unknown> {
  const { result } = await Taro.cloud.callFunction({ name: functionName, data: { action, data } })
  return result
}
