/** JSON read strictly, for the files the deploy trusts. */

/**
 * JSON.parse keeps the last of two equal keys without a word, which is how a second `"name"` once
 * hid a function from the deploy. This reads the text itself and refuses a key given twice in one object.
 */
export function parseWithoutDuplicateKeys(text: string): unknown {
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
