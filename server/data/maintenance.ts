/** Loading and clearing whole collections: used by the local demo seed and by tests, never by a function. */
import { database, readAll } from './cloudbase'

export async function insertAll(collection: string, documents: readonly object[]): Promise<void> {
  const target = database().collection(collection)
  // A few at a time: the stand-in and CloudBase both take one document per insert here.
  for (let i = 0; i < documents.length; i += 20) {
    await Promise.all(documents.slice(i, i + 20).map((document) => target.add(document)))
  }
}

/** Many documents in as few requests as CloudBase allows: one array of up to 1000 per `add`. */
export async function insertMany(collection: string, documents: readonly object[]): Promise<void> {
  const target = database().collection(collection)
  for (let i = 0; i < documents.length; i += 1000) await target.add(documents.slice(i, i + 1000))
}

export async function countDocuments(collection: string): Promise<number> {
  const { total } = await database().collection(collection).count()
  return total
}

export async function removeAll(collection: string): Promise<void> {
  const db = database()
  await db
    .collection(collection)
    .where({ _id: db.command.exists(true) })
    .remove()
}

/** These documents, a thousand ids a request: one request removing 200,000 outlasts the SDK's timeout. */
export async function removeMany(collection: string, ids: readonly string[]): Promise<void> {
  const db = database()
  for (let i = 0; i < ids.length; i += 1000) {
    await db
      .collection(collection)
      .where({ _id: db.command.in(ids.slice(i, i + 1000)) })
      .remove()
  }
}

export async function allDocuments(collection: string): Promise<object[]> {
  return readAll<object>(database().collection(collection))
}
