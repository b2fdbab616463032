import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { OfficeFigures } from '../../../../../shared/contracts/reports'
import { presetPeriod, type ReportPeriod } from '../../../../../shared/domain/report'
import { api } from '../../../api'
import { ExportButton, FiguresView, PeriodPicker } from '../../../components/figures'
import { ListItem, SectionHeader } from '../../../components/list'
import { PageShell } from '../../../components/page-shell'
import { Empty, Loaded } from '../../../components/status'
import { formatDuration } from '../../../format'
import { useLoad } from '../../../hooks/use-load'
import { go, paths } from '../../../routes'

/** 民政: the figures of every community of the office, side by side and together; counts only. */
export default function OfficePage() {
  const [period, setPeriod] = useState(() => presetPeriod('thisMonth', new Date()))
  return (
    <PageShell>
      <PeriodPicker period={period} onChange={setPeriod} />
      <Offices key={`${period.from}:${period.to}`} period={period} />
      <ExportButton make={() => api.reports.exportOffice({ period })} />
    </PageShell>
  )
}

function Offices({ period }: { period: ReportPeriod }) {
  const load = useLoad(() => api.reports.officeFigures({ period }))
  return (
    <Loaded load={load}>
      {({ offices }) =>
        offices.length === 0 ? (
          <Empty title="没有你所在部门的社区" />
        ) : (
          offices.map((office) => <Office key={office.officeId} office={office} />)
        )
      }
    </Loaded>
  )
}

function Office({ office }: { office: OfficeFigures }) {
  return (
    <View>
      <View className="card">
        <Text className="card-label">民政部门</Text>
        <Text className="card-title">{office.name}</Text>
        <SectionHeader title="各社区" hint="点开看一个社区的全部数字" />
        {office.communities.map(({ community, figures }) => (
          <ListItem
            key={community.communityId}
            title={community.name}
            detail={`组织 ${figures.organisations.approved}/${figures.organisations.target} 个 · 求助 ${figures.needs.raised} 件，完成 ${figures.needs.completed} 件 · 一半的求助 ${formatDuration(figures.needs.toAcceptance.medianMinutes)} 内有人接`}
            extra={figures.organisations.met ? '组织达标' : `组织差 ${figures.organisations.shortfall} 个`}
            extraTone={figures.organisations.met ? 'met' : 'short'}
            onClick={() => go(paths.figures(community.communityId))}
          />
        ))}
      </View>
      <SectionHeader title="合计" hint={`${office.communities.length} 个社区合在一起`} />
      <FiguresView figures={office.total} together={{ communities: office.communities.length, met: office.communitiesMet }} />
    </View>
  )
}
