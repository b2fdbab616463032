import { Button, Text, View } from '@tarojs/components'
import { createContext, type ReactNode } from 'react'
import type { Load } from '../hooks/use-load'

/** Loads what the page shows again: for what inside it finds its data stale, such as a photo whose link expired. */
export const ReloadContext = createContext<(() => void) | null>(null)

export function Loading() {
  return (
    <View className="status">
      <Text className="status-title">正在加载…</Text>
    </View>
  )
}

/** Failures say what happened and offer one large way out. */
export function LoadError({ message, onRetry }: { message: string; onRetry(): void }) {
  return (
    <View className="status">
      <Text className="status-title">没有加载出来</Text>
      <Text className="status-text">{message}</Text>
      <Button className="btn btn-primary btn-block" onClick={onRetry}>
        重试
      </Button>
    </View>
  )
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <View className="status">
      <Text className="status-title">{title}</Text>
      {children ? <Text className="status-text">{children}</Text> : null}
    </View>
  )
}

/** What a page shows while its data loads, when it failed, and once it is there. */
export function Loaded<T>({ load, children }: { load: Load<T>; children(data: T): ReactNode }) {
  if (load.status === 'loading') return <Loading />
  if (load.status === 'error') return <LoadError message={load.message} onRetry={load.reload} />
  return <ReloadContext.Provider value={load.reload}>{children(load.data)}</ReloadContext.Provider>
}
