import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import type { PersonView, RoleView } from '../../../shared/contracts/account'
import { api, messageOf } from '../api'
import { useElderMode } from './elder-mode'

export type MeState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  /** `person` is null for someone who has not joined a community yet. */
  | { status: 'ready'; person: PersonView | null }

type MeValue = MeState & { reload(): void }

const MeContext = createContext<MeValue | null>(null)

/** Loads `account.me` once for every page; pages show its state and offer 重试. */
export function MeProvider({ children }: { children: ReactNode }) {
  const { adopt } = useElderMode()
  const [state, setState] = useState<MeState>({ status: 'loading' })

  const reload = useCallback(() => {
    setState({ status: 'loading' })
    api.account.me().then(
      ({ person }) => {
        if (person) adopt(person.preferences.elderMode)
        setState({ status: 'ready', person })
      },
      (error: unknown) => setState({ status: 'error', message: messageOf(error) }),
    )
  }, [adopt])

  useEffect(reload, [reload])

  const value = useMemo<MeValue>(() => ({ ...state, reload }), [state, reload])
  return <MeContext.Provider value={value}>{children}</MeContext.Provider>
}

export function useMe(): MeValue {
  const value = useContext(MeContext)
  if (!value) throw new Error('useMe needs MeProvider at the app root')
  return value
}

/** The signed-in person's roles; none while loading. Pages use them to offer what the person may do. */
export function useRoles(): RoleView[] {
  const me = useMe()
  return me.status === 'ready' && me.person ? me.person.roles : []
}

export function sitsOnCommittee(roles: RoleView[], communityId: string): boolean {
  return roles.some((role) => role.role === 'committee' && role.communityId === communityId)
}
