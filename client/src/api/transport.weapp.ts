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

/**
 * Downloaded by its temporary link (the storage rule lets only a file's uploader download by id, and a
 * function made this one; the link's domain must be a downloadFile domain, docs/decisions/035), then
 * shown in WeChat's viewer, whose menu saves or forwards it (under the viewer's own name).
 */
export async function openFile(url: string): Promise<void> {
  const { tempFilePath, statusCode } = await Taro.downloadFile({ url })
  if (statusCode !== 200) throw new Error(`download answered ${statusCode}`)
  // Functions make xlsx files only (the report exports).
  await Taro.openDocument({ filePath: tempFilePath, fileType: 'xlsx', showMenu: true })
}
