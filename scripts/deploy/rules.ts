/**
 * Checks of what the deploy sends that CloudBase would only refuse (or, worse, accept) online:
 * timer crons in CloudBase's 7-field format, and the storage security rule's expressions.
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

/**
 * Parses a storage rule expression: names, null/true/false, 'strings', == != && || ! and parentheses.
 * Answers what is wrong, if anything, and the names it reads.
 */
export function ruleExpressionProblem(expression: string): { problem?: string; names: string[] } {
  const tokens = expression.match(/\s*('[^']*'|"[^"]*"|==|!=|&&|\|\||!|\(|\)|[A-Za-z_][\w.]*|\S)/g)?.map((t) => t.trim()) ?? []
  const names: string[] = []
  let at = 0
  const fail = (why: string): never => {
    throw new Error(why)
  }
  const operand = (): void => {
    const token = tokens[at++]
    if (token === '!') return operand()
    if (token === '(') {
      or()
      if (tokens[at++] !== ')') fail('a ( is not closed')
      return
    }
    if (token === undefined) fail('ends where a value should be')
    if (/^('|")/.test(token) || token === 'null' || token === 'true' || token === 'false') return
    if (!RULE_NAMES.has(token)) fail(`unknown name "${token}" (known: ${[...RULE_NAMES].join(', ')})`)
    names.push(token)
  }
  const comparison = () => {
    operand()
    if (tokens[at] === '==' || tokens[at] === '!=') {
      at++
      operand()
    }
  }
  const and = () => {
    comparison()
    while (tokens[at] === '&&') {
      at++
      comparison()
    }
  }
  const or = () => {
    and()
    while (tokens[at] === '||') {
      at++
      and()
    }
  }
  try {
    or()
    if (at < tokens.length) fail(`unexpected "${tokens[at]}"`)
    return { names }
  } catch (error) {
    return { problem: (error as Error).message, names }
  }
}

export interface StorageRule {
  read: string
  write: string
}

/** The storage rule's problems: it must parse, and it must make nothing public (read or write without `auth`). */
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
    const { problem, names } = ruleExpressionProblem(value)
    if (problem) problems.push(`"${key}": ${problem}`)
    else if (!names.some((name) => name.startsWith('auth'))) problems.push(`"${key}" does not read auth: anyone could ${key}`)
  }
  return problems
}
