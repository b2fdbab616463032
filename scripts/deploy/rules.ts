/**
 * Checks of what the deploy sends that CloudBase would only refuse (or, worse, accept) online:
 * timer crons in CloudBase's 7-field format, and the storage security rule's expressions and what they let through.
 */

const CRON_FIELDS = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { name: 'day of week', min: 0, max: 6, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
  { name: 'year', min: 1970, max: 2099 },
]

/** What is wrong with a timer trigger's cron (秒 分 时 日 月 星期 年; each `*`, `n`, `a-b` or a list of them, with an optional `/step`), if anything. */
export function cronProblem(cron: string): string | undefined {
  const parts = cron.trim().split(/\s+/)
  if (parts.length !== CRON_FIELDS.length)
    return `"${cron}" has ${parts.length} fields; CloudBase wants 7: second minute hour day month weekday year`
  for (const [i, part] of parts.entries()) {
    const field = CRON_FIELDS[i]
    const value = (token: string): number | undefined => {
      const named = field.names?.indexOf(token.toUpperCase()) ?? -1
      if (named >= 0) return named + field.min
      return /^\d+$/.test(token) ? Number(token) : undefined
    }
    for (const item of part.split(',')) {
      const [range, step, extra] = item.split('/')
      if (extra !== undefined || (step !== undefined && !/^[1-9]\d*$/.test(step))) return `${field.name} "${part}": bad step`
      if (range === '*') continue
      const [from, to, more] = range.split('-').map(value)
      const bounds = range.split('-')
      if (more !== undefined || bounds.length > 2 || from === undefined || (bounds.length === 2 && to === undefined)) {
        return `${field.name} "${part}": not a number, range or list`
      }
      for (const n of [from, to]) {
        if (n !== undefined && (n < field.min || n > field.max)) return `${field.name} "${part}": outside ${field.min}–${field.max}`
      }
      if (to !== undefined && to < from) return `${field.name} "${part}": range runs backwards`
    }
  }
  return undefined
}

/** The names a storage rule expression may read (CloudBase: `auth`, `resource` and their fields). */
const RULE_NAMES = new Set(['auth', 'auth.openid', 'auth.uid', 'auth.loginType', 'resource', 'resource.openid', 'resource.path'])

/** What a storage rule sees of one request: who asks (`auth`, null when nobody signed in) and the file's uploader and path. */
export interface RuleContext {
  auth: { openid: string | null; uid: string | null; loginType: string } | null
  resource: { openid: string | null; path: string }
}

type Value = string | boolean | null | object
type Evaluate = (context: RuleContext) => Value

function valueOf(name: string, context: RuleContext): Value {
  const [head, field] = name.split('.') as ['auth' | 'resource', string | undefined]
  const object = context[head] as Record<string, Value> | null
  if (field === undefined) return object
  return object === null ? null : (object[field] ?? null)
}

/**
 * Parses a storage rule expression: names, null/true/false, 'strings', == != && || ! and parentheses.
 * Answers what is wrong, if anything, the names it reads, and (when it parses) how it decides a request.
 */
export function ruleExpressionProblem(expression: string): { problem?: string; names: string[]; evaluate?: Evaluate } {
  const tokens = expression.match(/\s*('[^']*'|"[^"]*"|==|!=|&&|\|\||!|\(|\)|[A-Za-z_][\w.]*|\S)/g)?.map((t) => t.trim()) ?? []
  const names: string[] = []
  let at = 0
  const fail = (why: string): never => {
    throw new Error(why)
  }
  const operand = (): Evaluate => {
    const token = tokens[at++]
    if (token === '!') {
      const inner = operand()
      return (c) => !inner(c)
    }
    if (token === '(') {
      const inner = or()
      if (tokens[at++] !== ')') fail('a ( is not closed')
      return inner
    }
    if (token === undefined) return fail('ends where a value should be')
    if (/^('|")/.test(token)) return () => token.slice(1, -1)
    if (token === 'null') return () => null
    if (token === 'true' || token === 'false') return () => token === 'true'
    if (!RULE_NAMES.has(token)) fail(`unknown name "${token}" (known: ${[...RULE_NAMES].join(', ')})`)
    names.push(token)
    return (c) => valueOf(token, c)
  }
  const comparison = (): Evaluate => {
    const left = operand()
    const operator = tokens[at]
    if (operator !== '==' && operator !== '!=') return left
    at++
    const right = operand()
    return (c) => (left(c) === right(c)) === (operator === '==')
  }
  const and = (): Evaluate => {
    let left = comparison()
    while (tokens[at] === '&&') {
      at++
      const [l, r] = [left, comparison()]
      left = (c) => Boolean(l(c)) && Boolean(r(c))
    }
    return left
  }
  const or = (): Evaluate => {
    let left = and()
    while (tokens[at] === '||') {
      at++
      const [l, r] = [left, and()]
      left = (c) => Boolean(l(c)) || Boolean(r(c))
    }
    return left
  }
  try {
    const evaluate = or()
    if (at < tokens.length) fail(`unexpected "${tokens[at]}"`)
    return { names, evaluate }
  } catch (error) {
    return { problem: (error as Error).message, names }
  }
}

export interface StorageRule {
  read: string
  write: string
}

const UPLOADER = 'o-uploader'
const signedIn = (openid: string | null) => ({
  openid,
  uid: openid ? `uid-${openid}` : 'uid-web',
  loginType: openid ? 'WECHAT-OPEN' : 'ANONYMOUS',
})
const aPhoto = { openid: UPLOADER, path: 'needs/2026-12-02/a1b2c3.jpg' }
// Files the functions write (exports) have no uploader's openid.
const anExport = { openid: null, path: 'exports/2026-12-02/f.xlsx' }

/**
 * Requests the rule must refuse, read and write alike (docs/decisions/035): nobody but a file's
 * uploader reads it by id; everyone else gets a link from a function that checked access.
 */
const refused: [who: string, what: string, context: RuleContext][] = [
  ['nobody signed in', 'a photo', { auth: null, resource: aPhoto }],
  ['another WeChat user', 'a photo', { auth: signedIn('o-neighbour'), resource: aPhoto }],
  ['someone signed in without an openid', 'a photo', { auth: signedIn(null), resource: aPhoto }],
  ['another WeChat user', "a function's export", { auth: signedIn('o-neighbour'), resource: anExport }],
  ['someone signed in without an openid', "a function's export", { auth: signedIn(null), resource: anExport }],
]
/** The one request it must let through: the uploader, reading the photo back and writing their own upload. */
const uploader: RuleContext = { auth: signedIn(UPLOADER), resource: aPhoto }

/**
 * The storage rule's problems: it must parse, it must make nothing public (read or write without
 * `auth`), it must refuse every request in `refused` and let the uploader through.
 */
export function storageRuleProblems(rule: unknown): string[] {
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) return ['must be a JSON object with "read" and "write"']
  const problems: string[] = []
  for (const key of Object.keys(rule)) if (!['read', 'write', '$comment'].includes(key)) problems.push(`unknown key "${key}"`)
  for (const key of ['read', 'write'] as const) {
    const value = (rule as Record<string, unknown>)[key]
    if (typeof value !== 'string') {
      problems.push(`"${key}" must be an expression that reads auth (true/false would make files public, or lock the app out)`)
      continue
    }
    const { problem, names, evaluate } = ruleExpressionProblem(value)
    if (problem || !evaluate) problems.push(`"${key}": ${problem}`)
    else if (!names.some((name) => name.startsWith('auth'))) problems.push(`"${key}" does not read auth: anyone could ${key}`)
    else {
      for (const [who, what, context] of refused) {
        if (evaluate(context)) problems.push(`"${key}" lets ${who} ${key} ${what}: only its uploader may`)
      }
      if (!evaluate(uploader)) problems.push(`"${key}" refuses the uploader: the mini-program could not ${key} its own photo`)
    }
  }
  return problems
}
