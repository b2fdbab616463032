/**
 * cloudbaserc.json, which the CloudBase CLI deploys from, against the folders of cloudfunctions/:
 * every function once, with the timer triggers and timeout its own config.json (what DevTools uploads) declares.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const root = resolve(__dirname, '../..')

/**
 * JSON.parse keeps the last of two equal keys without a word, which is how a second `"name"` once
 * hid a function from the deploy. This reads the text itself and refuses a key given twice in one object.
 */
function parseWithoutDuplicateKeys(text: string): unknown {
  let at = 0
  const space = () => {
    while (/\s/.test(text[at] ?? '')) at++
  }
  const expect = (char: string) => {
    space()
    if (text[at] !== char) throw new Error(`expected ${char} at ${at}`)
    at++
  }
  const value = (): unknown => {
    space()
    if (text[at] === '{') {
      at++
      const object: Record<string, unknown> = {}
      space()
      if (text[at] === '}') {
        at++
        return object
      }
      for (;;) {
        const key = value()
        if (typeof key !== 'string') throw new Error(`expected a key at ${at}`)
        if (Object.hasOwn(object, key)) throw new Error(`"${key}" twice in one object, before ${at}`)
        expect(':')
        object[key] = value()
        space()
        if (text[at++] === '}') return object
        if (text[at - 1] !== ',') throw new Error(`expected , or } at ${at - 1}`)
      }
    }
    if (text[at] === '[') {
      at++
      const array: unknown[] = []
      space()
      if (text[at] === ']') {
        at++
        return array
      }
      for (;;) {
        array.push(value())
        space()
        if (text[at++] === ']') return array
        if (text[at - 1] !== ',') throw new Error(`expected , or ] at ${at - 1}`)
      }
    }
    // A string, number, true, false or null: the longest JSON token from here, read by JSON.parse itself.
    const token = /^("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(at))
    if (!token) throw new Error(`unexpected ${text[at]} at ${at}`)
    at += token[0].length
    return JSON.parse(token[0])
  }
  const parsed = value()
  space()
  if (at !== text.length) throw new Error(`text after the value at ${at}`)
  return parsed
}

interface Trigger {
  name: string
  type: string
  config: string
}
interface ManifestFunction {
  name: string
  timeout: number
  triggers?: Trigger[]
}

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

describe('cloudbaserc.json', () => {
  const manifest = parseWithoutDuplicateKeys(readFileSync(join(root, 'cloudbaserc.json'), 'utf8')) as { functions: ManifestFunction[] }
  const folders = readdirSync(join(root, 'cloudfunctions'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)

  it('names every folder of cloudfunctions/ exactly once, and nothing else', () => {
    const names = manifest.functions.map((f) => f.name)
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([])
    expect([...names].sort()).toEqual([...folders].sort())
  })

  it.each(folders)('%s: the timeout and triggers of its config.json', (folder) => {
    const config = parseWithoutDuplicateKeys(readFileSync(join(root, 'cloudfunctions', folder, 'config.json'), 'utf8')) as {
      timeout: number
      triggers?: Trigger[]
    }
    const entry = manifest.functions.find((f) => f.name === folder)
    expect(entry).toBeDefined()
    expect(entry!.timeout).toBe(config.timeout)
    expect(entry!.triggers ?? []).toEqual(config.triggers ?? [])
  })
})
