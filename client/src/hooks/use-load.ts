import { useDidHide, useDidShow } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import { messageOf } from '../api'

export type LoadState<T> = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; data: T }

export type Load<T> = LoadState<T> & {
  reload(): void
  /**
   * An action answered with fresh data: show it without another round trip. Given a function, it is
   * applied to what is shown when the answer comes, not to what was shown when the person tapped.
   */
  replace(next: T | ((current: T) => T)): void
}

/**
 * Loads what a page shows, and loads it again when the page comes back into view, so that a
 * decision taken on the next page (通过, 加入) is there on return, and when any of `deps` (what
 * the loader asks for, such as a filter) changes.
 */
export function useLoad<T>(loader: () => Promise<T>, deps: readonly unknown[] = []): Load<T> {
  const [state, setState] = useState<LoadState<T>>({ status: 'loading' })
  const loaderRef = useRef(loader)
  loaderRef.current = loader
  // Only the newest request may set the state: a slow first answer must not overwrite a reload.
  const latest = useRef(0)
  const hidden = useRef(false)
  const loading = useRef(false)

  const reload = useCallback(() => {
    const request = ++latest.current
    loading.current = true
    setState((previous) => (previous.status === 'ready' ? previous : { status: 'loading' }))
    const settle = (next: LoadState<T>) => {
      if (request !== latest.current) return
      loading.current = false
      setState(next)
    }
    loaderRef.current().then(
      (data) => settle({ status: 'ready', data }),
      (error: unknown) => settle({ status: 'error', message: messageOf(error) }),
    )
  }, [])

  useEffect(reload, [reload, ...deps])
  // Only a show after a hide is a return: the first show is the mount, which has loaded already.
  useDidHide(() => {
    hidden.current = true
  })
  useDidShow(() => {
    if (hidden.current) reload()
    hidden.current = false
  })

  // An action's answer drops a reload still on its way, whose data may predate the action; what else
  // that reload would have brought (a volunteer who checked in meanwhile) is asked for again.
  const replace = useCallback(
    (next: T | ((current: T) => T)) => {
      const wasLoading = loading.current
      latest.current++
      loading.current = false
      setState((previous) => {
        if (typeof next !== 'function') return { status: 'ready', data: next }
        return previous.status === 'ready' ? { status: 'ready', data: (next as (current: T) => T)(previous.data) } : previous
      })
      if (wasLoading) reload()
    },
    [reload],
  )

  return { ...state, reload, replace }
}
