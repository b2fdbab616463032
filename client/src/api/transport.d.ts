/**
 * Types of the platform transport. The implementation is picked by Taro's file-suffix
 * resolution: `transport.weapp.ts` (cloud functions) or `transport.h5.ts` (the local host).
 */
export function send(functionName: string, action: string, data: unknown): Promise<unknown>
