import { loadManifest } from '../../database/manifest'
import { updateIndexBodies } from '../../scripts/deploy-indexes'

describe('the index manifest as WeChat updateindex requests', () => {
  const manifest = loadManifest()
  const bodies = updateIndexBodies(manifest, 'prod-env')

  it('asks for every collection of the manifest in the chosen environment', () => {
    expect(bodies.map((b) => b.collection_name).sort()).toEqual(Object.keys(manifest.collections).sort())
    expect(new Set(bodies.map((b) => b.env))).toEqual(new Set(['prod-env']))
  })

  it('keeps uniqueness and the 2dsphere direction as WeChat spells them', () => {
    const people = bodies.find((b) => b.collection_name === 'people')!
    expect(people.create_indexes).toContainEqual({ name: 'openid_unique', unique: true, keys: [{ name: 'openid', direction: '1' }] })
    const organisations = bodies.find((b) => b.collection_name === 'organisations')!
    expect(organisations.create_indexes).toContainEqual({
      name: 'serviceCentre_2dsphere',
      unique: false,
      keys: [{ name: 'serviceArea.centre', direction: '2dsphere' }],
    })
  })

  it('stays within CloudBase free tier: at most 20 indexes a collection', () => {
    for (const body of bodies) expect(body.create_indexes.length).toBeLessThanOrEqual(20)
  })
})
