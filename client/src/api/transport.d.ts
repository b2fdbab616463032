/**
 * Types of the platform transport. The implementation is picked by Taro's file-suffix
 * resolution: `transport.weapp.ts` (cloud functions and storage) or `transport.h5.ts` (the local host).
 */
export function send(functionName: string, action: string, data: unknown): Promise<unknown>

/** Uploads the image at `localPath` (a temp file path from chooseImage) and answers its `cloud://` file id. */
export function upload(localPath: string): Promise<string>

/**
 * Opens a file a function made (an xlsx export) by the short-lived link it answered, the platform's
 * way: WeChat's document viewer, or a browser download named `fileName`.
 */
export function openFile(url: string, fileName: string): Promise<void>
