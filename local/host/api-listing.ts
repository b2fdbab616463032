import { z } from 'zod'
import { contracts } from '../../shared/contracts'
import { permissionTable, type PermissionRule } from '../../shared/domain/permissions'

/** GET /api: every function, its actions, who may call them, and their schemas as JSON Schema. */
export function apiListing() {
  return {
    call: 'POST /api/<function> with body {"action": "<action>", "data": {…}}; act as a demo person with the header X-Demo-Openid',
    functions: Object.values(contracts).map((contract) => ({
      name: contract.name,
      actions: Object.entries(contract.actions).map(([name, action]) => ({
        name,
        summary: action.summary,
        permission: (permissionTable as Record<string, PermissionRule>)[`${contract.name}.${name}`],
        input: z.toJSONSchema(action.input, { io: 'input', unrepresentable: 'any' }),
        output: z.toJSONSchema(action.output, { io: 'output', unrepresentable: 'any' }),
      })),
    })),
  }
}
