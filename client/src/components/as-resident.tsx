import type { ReactNode } from 'react'
import type { CommunityView, PersonView } from '../../../shared/contracts/account'
import { useMe } from '../state/me'
import { Empty, LoadError, Loading } from './status'

export type Resident = PersonView & { community: CommunityView }

/**
 * What a page for people who have joined a community shows: 我的 while it loads, 重试 when it
 * failed, `why` they must join first when they have not, and else the page itself.
 */
export function AsResident({ why, children }: { why: string; children(person: Resident): ReactNode }) {
  const me = useMe()
  if (me.status === 'loading') return <Loading />
  if (me.status === 'error') return <LoadError message={me.message} onRetry={me.reload} />
  const person = me.person
  if (!person?.community) return <Empty title="请先加入社区">{why}</Empty>
  return <>{children({ ...person, community: person.community })}</>
}
