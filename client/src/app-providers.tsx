import type { ReactNode } from 'react'
import { ElderModeProvider } from './state/elder-mode'
import { MeProvider } from './state/me'

/** Everything a page needs above it; the app root and the component tests both use this. */
export function AppProviders({ children }: { children: ReactNode }) {
  return (
    <ElderModeProvider>
      <MeProvider>{children}</MeProvider>
    </ElderModeProvider>
  )
}
