/**
 * What the compiler must refuse in a transaction (`npm run typecheck` checks this file; it never
 * runs): each `@ts-expect-error` fails the typecheck the day its line is accepted.
 */
import type { Transaction } from '../../server/data/transaction'
import { appended, increment, unset, whole } from '../../server/data/transaction'

export async function patches(tx: Transaction, field: 'remindAt' | 'escalateAt', role: 'participant' | 'volunteer'): Promise<void> {
  const now = new Date()
  const need = await tx.get('needs', 'n')
  // A read answers the collection's document type.
  need?.outcome?.rating?.toFixed()
  // @ts-expect-error a need has no such field
  void need?.rating

  await tx.update('needs', 'n', { status: 'closed', outcome: whole({ result: 'unrated', at: now }), updatedAt: now })
  await tx.update('needs', 'n', { 'outcome.rating': unset(), 'outcome.result': 'unrated', queue: unset() })
  await tx.update('activities', 'a', { 'rating.sum': increment(4), 'rating.count': increment(1) })
  // @ts-expect-error a plain sub-document would be merged into the stored one, keeping what it leaves out
  await tx.update('needs', 'n', { outcome: { result: 'unrated', at: now } })
  // @ts-expect-error a whole sub-document must be whole
  await tx.update('needs', 'n', { outcome: whole({ result: 'unrated' }) })
  // @ts-expect-error no such status
  await tx.update('needs', 'n', { status: 'finished' })
  // @ts-expect-error no such field
  await tx.update('needs', 'n', { closedAt: now })
  // @ts-expect-error a required field cannot be removed
  await tx.update('needs', 'n', { status: unset() })
  // @ts-expect-error only a number is increased
  await tx.update('needs', 'n', { description: increment(1) })
  // @ts-expect-error a computed key could name any field
  await tx.update('care_register', 'c', { [field]: unset() })
  // @ts-expect-error a computed path too
  await tx.update('activities', 'a', { [`places.${role}`]: whole({ confirmed: [], waitlisted: [] }) })
  // @ts-expect-error an added document has its collection's fields
  await tx.add('offers', { needId: 'n', offeredAt: now })
  // @ts-expect-error only an array is appended to
  await tx.update('needs', 'n', { description: appended(['…']) })
  // @ts-expect-error appended lines are the array's own kind
  await tx.update('needs', 'n', { timeline: appended([{ text: '…' }]) })
}
