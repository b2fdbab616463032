import { database } from './cloudbase'
import type { OutboxDoc } from './documents'

export async function recordInOutbox(message: Omit<OutboxDoc, '_id' | 'createdAt'>): Promise<void> {
  const db = database()
  await db.collection('outbox').add({ ...message, createdAt: db.serverDate() })
}

export async function latestOutboxMessages(limit: number): Promise<OutboxDoc[]> {
  const { data } = await database().collection('outbox').orderBy('createdAt', 'desc').limit(limit).get()
  return data as OutboxDoc[]
}
