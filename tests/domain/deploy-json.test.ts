/** The strict JSON reader the deploy checks cloudbaserc.json and each config.json with. */
import { parseWithoutDuplicateKeys } from '../../scripts/deploy/json'

describe('parseWithoutDuplicateKeys', () => {
  it('reads what JSON.parse reads', () => {
    const text = '{"a": [1, -2.5e3, "x\\"y"], "b": {"c": true, "d": null}, "e": []}'
    expect(parseWithoutDuplicateKeys(text)).toEqual(JSON.parse(text))
  })

  it('refuses a key given twice in one object, which JSON.parse lets through', () => {
    const text = '[{"name": "care", "name": "timebank"}]'
    expect(JSON.parse(text)).toEqual([{ name: 'timebank' }])
    expect(() => parseWithoutDuplicateKeys(text)).toThrow('"name" twice')
  })
})
