import { Button, Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { RegisterRow } from '../../../../../shared/contracts/care'
import { inShanghai, monthOf } from '../../../../../shared/domain/time'
import { api } from '../../../api'
import { RegisterRowCard } from '../../../components/care'
import { SectionHeader } from '../../../components/list'
import { PageShell } from '../../../components/page-shell'
import { Empty, Loaded } from '../../../components/status'
import { formatMonth } from '../../../format'
import { useLoad } from '../../../hooks/use-load'
import { go, paths, usePageParams } from '../../../routes'

type Overview = Awaited<ReturnType<typeof api.care.overview>>
type Rate = Overview['overall']

const monthStart = (month: string) => inShanghai(`${month}-01T00:00:00+08:00`)

/** 探访情况: the month's visit rate against the seeds' 100%, by group, and who to follow up now. */
export default function CareOverviewPage() {
  const { communityId = '' } = usePageParams()
  const thisMonth = monthOf(new Date())
  const [month, setMonth] = useState(thisMonth)
  const step = (months: number) => setMonth(monthStart(month).add(months, 'month').format('YYYY-MM'))
  return (
    <PageShell>
      <View className="month-picker">
        <Button className="btn btn-plain month-step" onClick={() => step(-1)}>
          ‹ 上个月
        </Button>
        <Text id="care-month" className="month-label">
          {formatMonth(month)}
        </Text>
        {/* No months to come: nobody has been visited in them yet. */}
        <Button className="btn btn-plain month-step" disabled={month === thisMonth || undefined} onClick={() => step(1)}>
          下个月 ›
        </Button>
      </View>
      <MonthOverview key={month} communityId={communityId} month={month} />
    </PageShell>
  )
}

function MonthOverview({ communityId, month }: { communityId: string; month: string }) {
  const load = useLoad(() => api.care.overview({ communityId, month }))
  const open = (row: RegisterRow) => go(paths.carePerson(row.entryId))
  return (
    <Loaded load={load}>
      {(overview) => (
        <View>
          <Figure rate={overview.overall} monthLabel={formatMonth(month)} />
          {overview.byGroup.length > 0 && (
            <View id="care-groups" className="card">
              <SectionHeader title="按类别" hint="一人属于几类的，每类都算" />
              {overview.byGroup.map((row) => (
                <View className="rate-row" key={row.group}>
                  <View className="rate-row-head">
                    <Text className="rate-row-group">{row.group}</Text>
                    <Text className="rate-row-value">
                      {row.rateLabel}（{row.visited}/{row.expected} 人）
                    </Text>
                  </View>
                  <RateBar rate={row.rate} />
                </View>
              ))}
            </View>
          )}
          <SectionHeader title="眼下要跟进" hint="按今天的情况，不随上面的月份变" />
          <FollowUp id="care-escalated" title="逾期未探访，已报两委" rows={overview.escalated} open={open} />
          <FollowUp id="care-overdue" title="已逾期" rows={overview.overdue} open={open} />
          <FollowUp id="care-due-soon" title="本周应探访" rows={overview.dueSoon} open={open} />
          {overview.escalated.length + overview.overdue.length + overview.dueSoon.length === 0 && <Empty title="没有要跟进的探访" />}
        </View>
      )}
    </Loaded>
  )
}

/** The month's rate, big, against 100%: those on the register the whole month are expected a visit in it. */
function Figure({ rate, monthLabel }: { rate: Rate; monthLabel: string }) {
  const missing = rate.expected - rate.visited
  return (
    <View id="care-rate" className="card">
      <Text className="card-label">{monthLabel}探访率（目标 100%）</Text>
      <Text id="care-rate-figure" className="rate-figure">
        {rate.rateLabel}
      </Text>
      <RateBar rate={rate.rate} />
      {rate.expected === 0 ? (
        <Text className="card-text">这个月没有应探访的人：月初前已在册的关爱对象才计入。</Text>
      ) : (
        <View>
          <Text id="care-rate-counts" className="card-text">
            应探访 {rate.expected} 人，已探访 {rate.visited} 人
          </Text>
          <Text className={missing === 0 ? 'coverage-verdict coverage-verdict-met' : 'coverage-verdict'}>
            {missing === 0 ? '已达标' : `还差 ${missing} 人`}
          </Text>
        </View>
      )}
    </View>
  )
}

/** A bar against the 100% target; nothing to draw when nobody was expected. */
function RateBar({ rate }: { rate: number | null }) {
  if (rate === null) return null
  return (
    <View className="rate-bar">
      <View className="rate-bar-fill" style={{ width: `${Math.floor(rate * 100)}%` }} />
    </View>
  )
}

function FollowUp({ id, title, rows, open }: { id: string; title: string; rows: RegisterRow[]; open(row: RegisterRow): void }) {
  if (rows.length === 0) return null
  return (
    <View id={id}>
      <SectionHeader title={`${title} ${rows.length} 人`} />
      {rows.map((row) => (
        <RegisterRowCard key={row.entryId} row={row} onClick={() => open(row)} />
      ))}
    </View>
  )
}
