import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { NeedStatus, Urgency } from '../../../../../shared/domain/need'
import { urgencyLabel, urgencySchema } from '../../../../../shared/domain/need'
import { helpKinds, type HelpKind } from '../../../../../shared/domain/vocabulary'
import { api } from '../../../api'
import { FiguresMap } from '../../../components/figures'
import { Choices } from '../../../components/form'
import { SectionHeader } from '../../../components/list'
import { NeedCard } from '../../../components/need'
import { PageShell } from '../../../components/page-shell'
import { Empty, Loaded } from '../../../components/status'
import { useLoad } from '../../../hooks/use-load'
import { go, paths, usePageParams } from '../../../routes'

const ALL = '全部'
/** The statuses a committee looks for; the rest are under 全部. */
type StatusFilter = 'open' | Extract<NeedStatus, 'escalated' | 'accepted' | 'done' | 'closed'> | 'all'
const statusFilterLabel: Record<StatusFilter, string> = {
  open: '进行中',
  escalated: '无人接单',
  accepted: '已接单',
  done: '待评价',
  closed: '已结束',
  all: ALL,
}

/**
 * 本社区求助: every need of the community, 危及生命安全 first, then 紧急, then the rest by age,
 * narrowed by status, urgency, kind and 小区; each opens the committee's page of it. Under the list,
 * where the open ones are.
 */
export default function CommunityNeedsPage() {
  const { communityId = '' } = usePageParams()
  const [status, setStatus] = useState<StatusFilter>('open')
  const [urgency, setUrgency] = useState<Urgency | typeof ALL>(ALL)
  const [helpKind, setHelpKind] = useState<HelpKind | typeof ALL>(ALL)
  const [neighbourhood, setNeighbourhood] = useState<string>(ALL)
  const load = useLoad(
    () =>
      api.needs.communityNeeds({
        communityId,
        status,
        ...(urgency === ALL ? {} : { urgency }),
        ...(helpKind === ALL ? {} : { helpKind }),
        ...(neighbourhood === ALL ? {} : { neighbourhood }),
      }),
    [status, urgency, helpKind, neighbourhood],
  )
  return (
    <PageShell>
      <View className="card" id="need-filters">
        <SectionHeader title="状态" />
        <Choices<StatusFilter>
          options={Object.keys(statusFilterLabel) as StatusFilter[]}
          chosen={[status]}
          labelOf={(s) => statusFilterLabel[s]}
          onToggle={setStatus}
        />
        <SectionHeader title="紧急程度" />
        <Choices<Urgency | typeof ALL>
          options={[ALL, ...urgencySchema.options]}
          chosen={[urgency]}
          labelOf={(u) => (u === ALL ? ALL : urgencyLabel[u])}
          onToggle={setUrgency}
        />
        <SectionHeader title="求助类型" />
        <Choices<HelpKind | typeof ALL> options={[ALL, ...helpKinds]} chosen={[helpKind]} onToggle={setHelpKind} />
      </View>
      <Loaded load={load}>
        {(answer) => (
          <View>
            {answer.neighbourhoods.length > 1 ? (
              <View className="card">
                <SectionHeader title="小区" />
                <Choices options={[ALL, ...answer.neighbourhoods]} chosen={[neighbourhood]} onToggle={setNeighbourhood} />
              </View>
            ) : null}
            <SectionHeader
              title={`共 ${answer.total} 件`}
              hint={
                answer.total > answer.needs.length
                  ? `先列出最要紧的 ${answer.needs.length} 件，可用上面的筛选缩小范围`
                  : '危及生命安全的在前，其次紧急，再按提出的先后'
              }
            />
            {answer.needs.length === 0 ? (
              <Empty title="没有符合条件的求助" />
            ) : (
              <View id="community-needs">
                {answer.needs.map((need) => (
                  <NeedCard key={need.id} need={need} onClick={() => go(paths.committeeNeed(need.id))} />
                ))}
              </View>
            )}
            <View className="card" id="open-needs-map">
              <SectionHeader title="进行中的求助在哪里" hint="按约 500 米的格子计数，不显示具体住址" />
              {answer.map.length === 0 ? (
                <Text className="card-text">现在没有进行中的求助</Text>
              ) : (
                <FiguresMap map={{ needs: answer.map, organisations: [] }} />
              )}
            </View>
          </View>
        )}
      </Loaded>
    </PageShell>
  )
}
