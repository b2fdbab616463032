import Taro from '@tarojs/taro'

/** The cloud function gets `{action, data}`; the caller's identity comes from the platform. */
export async function send(functionName: string, action: string, data: unknown): Promise<unknown> {
  const { result } = await Taro.cloud.callFunction({ name: functionName, data: { action, data } })
  return result
}

/** The phone's own path's extension, else jpg (what WeChat's camera and album give). */
const extensionOf = (path: string) => /\.(jpe?g|png|webp|xlsx)$/i.exec(path)?.[1].toLowerCase() ?? 'jpg'

export async function upload(localPath: string, folder: 'needs' | 'imports'): Promise<string> {
  // One folder a day keeps the storage console browsable; the random part makes each path new.
  const random = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`
  const cloudPath = `${folder}/${new Date().toISOString().slice(0, 10)}/${random}.${extensionOf(localPath)}`
  const { fileID } = await Taro.cloud.uploadFile({ cloudPath, filePath: localPath })
  return fileID
}

/** An office's sheet reaches the phone in a WeChat chat (sent from the computer): chooseMessageFile picks it from there. */
export async function chooseSheet(): Promise<string | null> {
  try {
    const { tempFiles } = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx'] })
    return tempFiles[0]?.path ?? null
  } catch (cause) {
    if (String((cause as { errMsg?: unknown }).errMsg).includes('cancel')) return null
    throw cause
  }
}

/** The mini-program's `<Image>` loads a cloud:// file id by itself. */
export const fileSrc = (fileID: string) => fileID

/** Downloaded from storage, then shown in WeChat's viewer, whose menu saves or forwards it (under the viewer's own name). */
export async function openFile(fileID: string): Promise<void> {
  const { tempFilePath } = await Taro.cloud.downloadFile({ fileID })
  // Functions make xlsx files only (the report exports).
  await Taro.openDocument({ filePath: tempFilePath, fileType: 'xlsx', showMenu: true })
}
