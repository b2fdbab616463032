import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { EvaluationSettings } from '../../../../../shared/contracts/evaluation'
import { reportCadenceLabel, reportCadences, type ReportCadence } from '../../../../../shared/domain/evaluation'
import { inShanghai } from '../../../../../shared/domain/time'
import { api } from '../../../api'
import { BusyButton } from '../../../components/busy-button'
import { CalendarDayChoice, Choices } from '../../../components/form'
import { SectionHeader } from '../../../components/list'
import { PageShell } from '../../../components/page-shell'
import { Loaded } from '../../../components/status'
import { useLoad } from '../../../hooks/use-load'
import { useSubmit } from '../../../hooks/use-submit'
import { usePageParams } from '../../../routes'

/** 两委：how often organisations report, and when residents may give 评议 (decision 051). */
export default function EvaluationSettingsPage() {
  const { communityId = '' } = usePageParams()
  const load = useLoad(() => api.evaluation.settings({ communityId }))
  return (
    <PageShell>
      <Loaded load={load}>{(settings) => <SettingsForm communityId={communityId} settings={settings} onSaved={load.reload} />}</Loaded>
    </PageShell>
  )
}

function SettingsForm({ communityId, settings, onSaved }: { communityId: string; settings: EvaluationSettings; onSaved(): void }) {
  const today = inShanghai(new Date()).format('YYYY-MM-DD')
  const [reportEvery, setReportEvery] = useState<ReportCadence>(settings.reportEvery)
  const [from, setFrom] = useState(settings.window?.from ?? today)
  const [to, setTo] = useState(settings.window?.to ?? today)
  const [open, setOpen] = useState(settings.window !== null)
  const submit = useSubmit({ window: { from, to } })
  const save = async () => {
    if (await submit.run(() => api.evaluation.saveSettings({ communityId, reportEvery, window: open ? { from, to } : null }))) onSaved()
  }
  return (
    <View className="card">
      <SectionHeader title="工作报告周期" />
      <Choices<ReportCadence>
        options={reportCadences}
        chosen={[reportEvery]}
        labelOf={(c) => reportCadenceLabel[c]}
        onToggle={setReportEvery}
        wide
      />
      <SectionHeader title="居民评议期" hint={settings.windowOpen ? '现在正在评议期内' : '现在不在评议期'} />
      <Choices<'open' | 'closed'>
        options={['open', 'closed']}
        chosen={[open ? 'open' : 'closed']}
        labelOf={(o) => (o === 'open' ? '开启评议期' : '不开启')}
        onToggle={(o) => setOpen(o === 'open')}
        wide
      />
      {open ? (
        <View>
          <Text className="field-label">开始日期</Text>
          <CalendarDayChoice day={from} from="2000-01-01" onPick={setFrom} />
          <Text className="field-label">结束日期</Text>
          <CalendarDayChoice day={to} from={from} onPick={setTo} />
          {submit.errorOf('window') ? <Text className="field-error">{submit.errorOf('window')}</Text> : null}
        </View>
      ) : null}
      {submit.errorOf() ? <Text className="field-error">{submit.errorOf()}</Text> : null}
      <BusyButton id="save-evaluation-settings" primary busy={submit.busy} label="保存" onClick={() => void save()} />
    </View>
  )
}
