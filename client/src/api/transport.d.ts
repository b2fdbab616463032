/**
 * Types of the platform transport. The implementation is picked by Taro's file-suffix
 * resolution: `transport.weapp.ts` (cloud functions and storage) or `transport.h5.ts` (the local host).
 */
export function send(functionName: string, action: string, data: unknown): Promise<unknown>

/**
 * Uploads the file at `localPath` (a temp file path from chooseImage or chooseSheet) and answers its
 * `cloud://` file id: a photo of a need under `needs/`, a sheet to import under `imports/`.
 */
export function upload(localPath: string, folder: 'needs' | 'imports'): Promise<string>

/** Lets the person pick one xlsx (from a WeChat chat on the phone, from the computer in the browser): its temp path, or null when they cancel. */
export function chooseSheet(): Promise<string | null>

/** What an `<Image>` shows for a stored file id. */
export function fileSrc(fileID: string): string

/** Opens a file a function made (an xlsx export) the platform's way: WeChat's document viewer, or a browser download named `fileName`. */
export function openFile(fileID: string, fileName: string): Promise<void>
