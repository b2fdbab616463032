/**
 * 统计报表: the period picker, the figures as cards, and the charts people would rather look at
 * than read (weekly trend, needs by kind, a map), drawn with Views: no chart library in the package.
 * Every bar carries its number as text, so nothing is told by colour or length alone.
 */
import { Map as MapView, Picker, ScrollView, Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { ExportFile, Figures } from '../../../shared/contracts/reports'
import { periodPresetLabel, periodPresets, presetPeriod, type PeriodPreset, type ReportPeriod } from '../../../shared/domain/report'
import { messageOf, openExport } from '../api'
import { CopyLink } from './copy-link'
import { formatDuration, formatHours, formatPeriod } from '../format'
import { BusyButton } from './busy-button'
import { Choices } from './form'
import { SectionHeader, Stats } from './list'

type Choice = PeriodPreset | 'custom'
const choiceLabel = (choice: Choice) => (choice === 'custom' ? '自选日期' : periodPresetLabel[choice])

/** This month by default; a preset in one tap, or any two days. */
export function PeriodPicker({ period, onChange }: { period: ReportPeriod; onChange(period: ReportPeriod): void }) {
  const [choice, setChoice] = useState<Choice>('thisMonth')
  const choose = (next: Choice) => {
    setChoice(next)
    if (next !== 'custom') onChange(presetPeriod(next, new Date()))
  }
  return (
    <View className="card">
      <SectionHeader title="统计期间" hint={formatPeriod(period)} />
      <Choices options={[...periodPresets, 'custom'] as Choice[]} chosen={[choice]} labelOf={choiceLabel} onToggle={choose} />
      {choice === 'custom' ? (
        <View className="period-days">
          <DayPicker label="从" value={period.from} onChange={(from) => onChange({ from, to: period.to < from ? from : period.to })} />
          <DayPicker label="到" value={period.to} onChange={(to) => onChange({ from: period.from > to ? to : period.from, to })} />
        </View>
      ) : null}
    </View>
  )
}

function DayPicker({ label, value, onChange }: { label: string; value: string; onChange(day: string): void }) {
  return (
    <Picker mode="date" value={value} onChange={(event) => onChange(String(event.detail.value))}>
      <View className="day-picker">
        <Text className="day-picker-label">{label}</Text>
        <Text className="day-picker-value">{value}</Text>
      </View>
    </Picker>
  )
}

/** The figures of one community, or of several together, in the order a 总结报告 reads them. */
export function FiguresView({ figures, together }: { figures: Figures; together?: { communities: number; met: number } }) {
  const { needs, organisations, service } = figures
  return (
    <View>
      <View className="card" id="figure-organisations">
        <SectionHeader title="社区社会组织" hint="期末已备案的数量，目标：城市社区至少 10 个，农村社区至少 3 个" />
        <Text className="coverage-figure">
          {organisations.approved} 个，目标 {organisations.target} 个
        </Text>
        {together ? (
          <Text className={together.met === together.communities ? 'coverage-verdict coverage-verdict-met' : 'coverage-verdict'}>
            {together.met}/{together.communities} 个社区达标
          </Text>
        ) : (
          <Text className={organisations.met ? 'coverage-verdict coverage-verdict-met' : 'coverage-verdict'}>
            {organisations.met ? '已达标' : `还差 ${organisations.shortfall} 个`}
          </Text>
        )}
        <Text className="card-text">本期新备案 {organisations.newlyApproved} 个</Text>
      </View>

      <View className="card" id="figure-needs">
        <SectionHeader title="居民求助（急难愁盼）" />
        <Stats
          items={[
            { label: '提出', value: needs.raised },
            { label: '接单', value: needs.accepted },
            { label: '完成', value: needs.completed },
          ]}
        />
        <SectionHeader title="多久有人接单" hint={`本期接单的 ${needs.toAcceptance.count} 件，从提出算起`} />
        <Stats
          items={[
            { label: '一半的求助在这之内', value: formatDuration(needs.toAcceptance.medianMinutes) },
            { label: '十件里九件在这之内', value: formatDuration(needs.toAcceptance.p90Minutes) },
          ]}
        />
        <SectionHeader title="多久办完" hint={`本期完成的 ${needs.toCompletion.count} 件，从提出算起`} />
        <Stats
          items={[
            { label: '一半的求助在这之内', value: formatDuration(needs.toCompletion.medianMinutes) },
            { label: '十件里九件在这之内', value: formatDuration(needs.toCompletion.p90Minutes) },
          ]}
        />
      </View>

      <View className="card" id="figure-outcomes">
        <SectionHeader title="居民怎么评价" hint="成效由群众评价：本期给出的评价，每件按最后一次" />
        <Bars rows={needs.outcomes.map((o) => ({ label: o.label, value: o.count }))} unit="件" />
      </View>

      <View className="card" id="figure-service">
        <SectionHeader title="志愿服务" hint="经组织负责人确认的服务时长" />
        <Stats
          items={[
            { label: '服务时长', value: formatHours(service.minutes) },
            { label: '志愿者', value: `${service.volunteers} 人` },
            { label: '服务记录', value: `${service.records} 条` },
          ]}
        />
        <Text className="card-text">
          其中求助服务 {formatHours(service.needMinutes)}，活动服务 {formatHours(service.activityMinutes)}
        </Text>
      </View>

      <View className="card" id="figure-surveys">
        <SectionHeader title="需求调查" hint="本期进行的调查；居民最需要的帮助和本社区提供的组织" />
        <Stats
          items={[
            { label: '开展', value: `${figures.surveys.run} 次` },
            { label: '收到答卷', value: `${figures.surveys.answers} 份` },
          ]}
        />
        {figures.surveys.wanted.slice(0, 5).map((w) => (
          <Text className="card-text" key={w.helpKind}>
            {w.helpKind}：{w.count} 人选择，{w.offeredBy.length > 0 ? w.offeredBy.map((o) => o.name).join('、') : '本社区还没有组织提供'}
          </Text>
        ))}
      </View>

      <View className="card" id="figure-activities">
        <SectionHeader title="社区活动" hint="本期结束的活动（取消的不算）" />
        <Stats
          items={[
            { label: '举办', value: `${figures.activities.held} 场` },
            { label: '报名参加', value: `${figures.activities.participants} 人次` },
            { label: '签到', value: `${figures.activities.checkedIn} 人次` },
            { label: '志愿者', value: `${figures.activities.volunteers} 人次` },
          ]}
        />
      </View>

      <View className="card" id="figure-visits">
        <SectionHeader title="特殊群体月探访率" hint="目标：每月 100%。整月在册的人中，当月至少探访一次的比例" />
        <VisitRates months={figures.visits} />
      </View>

      <View className="card" id="figure-trend">
        <SectionHeader title="每周趋势" hint="每周新提出和完成的求助（周一至周日）" />
        <TrendChart weeks={figures.trend} />
      </View>

      <View className="card" id="figure-kinds">
        <SectionHeader title="求助类型" hint="本期提出的求助，按类型" />
        {needs.byKind.some((k) => k.raised > 0) ? (
          <Bars rows={needs.byKind.filter((k) => k.raised > 0).map((k) => ({ label: k.helpKind, value: k.raised }))} unit="件" />
        ) : (
          <Text className="card-text">本期没有新提出的求助</Text>
        )}
        <SectionHeader title="紧急程度" />
        <Bars rows={needs.byUrgency.map((u) => ({ label: u.label, value: u.raised }))} unit="件" />
      </View>

      <View className="card" id="figure-map">
        <SectionHeader title="地图" hint="求助按约 500 米的格子计数，不显示具体住址；方块是组织的服务中心" />
        <FiguresMap map={figures.map} />
      </View>
    </View>
  )
}

/** Horizontal bars, longest for the largest value, each with its number written out. */
export function Bars({ rows, unit }: { rows: { label: string; value: number }[]; unit: string }) {
  const max = Math.max(1, ...rows.map((r) => r.value))
  return (
    <View className="bars">
      {rows.map((row) => (
        <View className="bar-row" key={row.label}>
          <Text className="bar-label">{row.label}</Text>
          <View className="bar-track">
            <View className="bar" style={{ width: `${(row.value / max) * 100}%` }} />
          </View>
          <Text className="bar-value">
            {row.value} {unit}
          </Text>
        </View>
      ))}
    </View>
  )
}

/** Each month's rate as a bar against the 100% mark, with the people behind it written out. */
function VisitRates({ months }: { months: Figures['visits'] }) {
  return (
    <View className="bars">
      {months.map((m) => (
        <View key={m.month}>
          <View className="bar-row">
            <Text className="bar-label">{`${Number(m.month.slice(5))}月`}</Text>
            <View className="bar-track bar-track-target">
              <View className={m.rate === 1 ? 'bar bar-met' : 'bar'} style={{ width: `${(m.rate ?? 0) * 100}%` }} />
            </View>
            <Text className="bar-value">{m.rateLabel}</Text>
          </View>
          <Text className="bar-note">{m.expected === 0 ? '当月没有整月在册的人' : `应探访 ${m.expected} 人，已探访 ${m.visited} 人`}</Text>
        </View>
      ))}
    </View>
  )
}

/** A column pair per week: 提出 and 完成, numbers above; a year's weeks scroll sideways. */
function TrendChart({ weeks }: { weeks: Figures['trend'] }) {
  const max = Math.max(1, ...weeks.flatMap((w) => [w.raised, w.completed]))
  const height = (n: number) => `${Math.round((n / max) * 100)}%`
  return (
    <View>
      <View className="legend">
        <View className="legend-swatch legend-raised" />
        <Text className="legend-text">提出</Text>
        <View className="legend-swatch legend-completed" />
        <Text className="legend-text">完成</Text>
      </View>
      <ScrollView scrollX className="trend-scroll">
        <View className="trend">
          {weeks.map((week) => (
            <View className="trend-week" key={week.from}>
              <View className="trend-bars">
                <View className="trend-column">
                  <Text className="trend-number">{week.raised}</Text>
                  <View className="trend-bar legend-raised" style={{ height: height(week.raised) }} />
                </View>
                <View className="trend-column">
                  <Text className="trend-number">{week.completed}</Text>
                  <View className="trend-bar legend-completed" style={{ height: height(week.completed) }} />
                </View>
              </View>
              <Text className="trend-label">{week.label}</Text>
            </View>
          ))}
        </View>
      </ScrollView>
    </View>
  )
}

/**
 * The 15-minute circle's scale: needs as shaded circles of their cell, organisations as small dots.
 * The committee's list of needs shows its open ones with it too, without organisations.
 */
export function FiguresMap({ map }: { map: Figures['map'] }) {
  const points = [...map.needs.map((c) => c.centre), ...map.organisations.map((o) => o.centre)]
  const needs = `求助 ${map.needs.reduce((sum, c) => sum + c.count, 0)} 件，分布在 ${map.needs.length} 处`
  const summary = map.organisations.length > 0 ? `${needs}；组织 ${map.organisations.length} 个` : needs
  if (points.length === 0) return <Text className="card-text">本期没有可以标在地图上的求助和组织</Text>
  return (
    <View>
      <Text className="card-text">{summary}</Text>
      {process.env.TARO_ENV === 'weapp' ? <WeChatMap map={map} /> : <PlottedMap map={map} />}
    </View>
  )
}

function WeChatMap({ map }: { map: Figures['map'] }) {
  const all = [...map.needs.map((c) => c.centre), ...map.organisations.map((o) => o.centre)]
  const [lng, lat] = [average(all.map((p) => p[0])), average(all.map((p) => p[1]))]
  return (
    <MapView
      className="figures-map"
      longitude={lng}
      latitude={lat}
      scale={14}
      includePoints={all.map(([longitude, latitude]) => ({ longitude, latitude }))}
      circles={[
        ...map.needs.map(({ centre: [longitude, latitude], count }) => ({
          longitude,
          latitude,
          radius: 120 + 40 * Math.min(count, 10),
          color: '#1f5fa8cc',
          fillColor: '#1f5fa855',
          strokeWidth: 2,
        })),
        ...map.organisations.map(({ centre: [longitude, latitude] }) => ({
          longitude,
          latitude,
          radius: 40,
          color: '#1d6b3a',
          fillColor: '#1d6b3a',
          strokeWidth: 1,
        })),
      ]}
      // The map is an aid: the summary above it says the same in words.
      onError={() => undefined}
    />
  )
}

/** Outside WeChat: the same cells and dots plotted in a box by longitude and latitude. */
function PlottedMap({ map }: { map: Figures['map'] }) {
  const all = [...map.needs.map((c) => c.centre), ...map.organisations.map((o) => o.centre)]
  const [lngs, lats] = [all.map((p) => p[0]), all.map((p) => p[1])]
  const span = Math.max(Math.max(...lngs) - Math.min(...lngs), Math.max(...lats) - Math.min(...lats), 0.005)
  const [lng0, lat0] = [(Math.max(...lngs) + Math.min(...lngs)) / 2 - span / 2, (Math.max(...lats) + Math.min(...lats)) / 2 - span / 2]
  // 8% margin on each side, so that a circle on the edge stays inside the box.
  const position = ([lng, lat]: readonly [number, number]) => ({
    left: `${8 + ((lng - lng0) / span) * 84}%`,
    top: `${8 + (1 - (lat - lat0) / span) * 84}%`,
  })
  return (
    <View className="plotted-map">
      {map.organisations.map((o) => (
        <View key={o.organisationId} className="plotted-organisation" style={position(o.centre)} />
      ))}
      {map.needs.map((cell) => (
        <View key={cell.centre.join(',')} className="plotted-need" style={position(cell.centre)}>
          <Text>{cell.count}</Text>
        </View>
      ))}
    </View>
  )
}

const average = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length

/**
 * 导出: the function makes the xlsx; it opens here (WeChat's viewer saves and forwards it). The
 * report export by default; `title`, `hint` and `label` say what else it makes (the import template).
 */
export function ExportButton({
  make,
  title = '导出总结报告数据',
  hint = 'Excel 表格：统计数字和背后的清单，不含电话和住址',
  label = '导出 Excel',
  id = 'export',
}: {
  make(): Promise<ExportFile>
  title?: string
  hint?: string
  label?: string
  id?: string
}) {
  const [state, setState] = useState<{ busy: boolean; error?: string; file?: ExportFile }>({ busy: false })
  const run = async () => {
    setState({ busy: true })
    try {
      const file = await make()
      setState({ busy: false, file })
      await openExport(file)
    } catch (error) {
      setState((previous) => ({ busy: false, file: previous.file, error: messageOf(error) }))
    }
  }
  return (
    <View className="card">
      <SectionHeader title={title} hint={hint} />
      <BusyButton id={id} primary busy={state.busy} label={label} onClick={run} />
      {state.error ? <Text className="field-error">{state.error}</Text> : null}
      {state.file ? (
        <View className="note">
          <Text>已生成：{state.file.fileName}</Text>
          {process.env.TARO_ENV === 'weapp' ? <CopyLink url={state.file.url} /> : null}
        </View>
      ) : null}
    </View>
  )
}
