import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { presetPeriod, type ReportPeriod } from '../../../../../shared/domain/report'
import { api } from '../../../api'
import { ExportButton, FiguresView, PeriodPicker } from '../../../components/figures'
import { PageShell } from '../../../components/page-shell'
import { Loaded } from '../../../components/status'
import { useLoad } from '../../../hooks/use-load'
import { usePageParams } from '../../../routes'

/** 统计与报表 of one community: the committee's, or civil affairs' for a community of its office. */
export default function FiguresPage() {
  const { communityId = '' } = usePageParams()
  const [period, setPeriod] = useState(() => presetPeriod('thisMonth', new Date()))
  return (
    <PageShell>
      <PeriodPicker period={period} onChange={setPeriod} />
      {/* A new period is a new load: keyed by it, the figures load afresh. */}
      <CommunityFigures key={`${period.from}:${period.to}`} communityId={communityId} period={period} />
      <ExportButton make={() => api.reports.export({ communityId, period })} />
    </PageShell>
  )
}

function CommunityFigures({ communityId, period }: { communityId: string; period: ReportPeriod }) {
  const load = useLoad(() => api.reports.figures({ communityId, period }))
  return (
    <Loaded load={load}>
      {(answer) => (
        <View>
          <View className="card">
            <Text className="card-label">{answer.community.kindLabel}</Text>
            <Text className="card-title" id="figures-community">
              {answer.community.name}
            </Text>
          </View>
          <FiguresView figures={answer.figures} />
        </View>
      )}
    </Loaded>
  )
}
