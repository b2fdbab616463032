import { database } from './cloudbase'
import type { GeoPoint } from './documents'

/**
 * The SDK reads a stored point back as its own `Geo.Point` ({longitude, latitude}); the seed and
 * older writes may come back as plain GeoJSON. Either way the rest of the server sees GeoJSON.
 */
export function asGeoPoint(value: unknown): GeoPoint {
  const point = value as { coordinates?: [number, number]; longitude?: number; latitude?: number }
  return { type: 'Point', coordinates: point.coordinates ?? [Number(point.longitude), Number(point.latitude)] }
}

/** What a 2dsphere-indexed field is written as. */
export function geoPoint([lng, lat]: readonly [number, number]) {
  return new (database().Geo.Point)(lng, lat)
}
