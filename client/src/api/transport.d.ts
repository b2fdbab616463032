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

/**
 * Opens a file a function made (an xlsx export) by the short-lived link it answered, the platform's
 * way: WeChat's document viewer, or a browser download named `fileName`.
 */
export function openFile(url: string, fileName: string): Promise<void>
