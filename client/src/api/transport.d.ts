/**
 * Types of the platform transport. The implementation is picked by Taro's file-suffix
 * resolution: `transport.weapp.ts` (cloud functions and storage) or `transport.h5.ts` (the local host).
 */
export function send(functionName: string, action: string, data: unknown): Promise<unknown>

/** Uploads the image at `localPath` (a temp file path from chooseImage) and answers its `cloud://` file id. */
export function upload(localPath: string): Promise<string>

/** What an `<Image>` shows for a stored file id. */
export function fileSrc(fileID: string): string

/** Opens a file a function made (an xlsx export) the platform's way: WeChat's document viewer, or a browser download named `fileName`. */
export function openFile(fileID: string, fileName: string): Promise<void>
