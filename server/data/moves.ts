/** 搬家: the moves collection (decision 026). Confirming one is a transaction in server/residents/moves.ts. */
import { database } from './cloudbase'
import type { MoveDoc } from './documents'
import { asGeoPoint, geoPoint } from './geo'
import { isDuplicateWrite } from './write-errors'

const moves = () => database().collection('moves')

const readMove = (doc: unknown): MoveDoc => {
  const move = doc as MoveDoc
  return { ...move, location: asGeoPoint(move.location) }
}

export async function moveById(id: string): Promise<MoveDoc | null> {
  const { data } = await moves().doc(id).get()
  return data[0] ? readMove(data[0]) : null
}

/** Adds the move under its derived `_id`; false when one is there already (a retried request). */
export async function addMove(move: MoveDoc): Promise<boolean> {
  try {
    await moves().add({ ...move, location: geoPoint(move.location.coordinates) })
    return true
  } catch (error) {
    if (isDuplicateWrite(error)) return false
    throw error
  }
}

/** A person's moves, newest first. */
export async function movesOfPerson(personId: string, limit: number): Promise<MoveDoc[]> {
  const { data } = await moves().where({ personId }).orderBy('askedAt', 'desc').limit(limit).get()
  return data.map(readMove)
}

/** Moves into a community waiting for its committee, oldest first. */
export async function movesWaitingFor(communityId: string, limit: number): Promise<MoveDoc[]> {
  const { data } = await moves().where({ toCommunityId: communityId, status: 'asked' }).orderBy('askedAt', 'asc').limit(limit).get()
  return data.map(readMove)
}
