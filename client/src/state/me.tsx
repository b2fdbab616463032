import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import type { PersonView } from '../../../shared/contracts/account'
import { api, ApiError } from '../api'
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
      (error: unknown) => {
        const message = error instanceof ApiError ? error.message : '出了点问题'
        setState({ status: 'error', message })
      },
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
