/** CloudBase's answer to a duplicate `_id` or unique-index key (docs.cloudbase.net/error-code). */
export function isDuplicateWrite(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'DATABASE_DUPLICATE_WRITE'
}
