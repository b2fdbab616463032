import { useCallback, useState } from 'react'

const newRequestId = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`

/**
 * The idempotency key of one request the person means to make once (a gift, a redemption, a
 * grant): the same on every retry of it, so that a retry after a lost answer is not done twice;
 * `renew` once it has been done, before the next.
 */
export function useRequestId(): [string, () => void] {
  const [id, setId] = useState(newRequestId)
  const renew = useCallback(() => setId(newRequestId()), [])
  return [id, renew]
}
