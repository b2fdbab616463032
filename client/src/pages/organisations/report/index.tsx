import { Button, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { api } from '../../../api'
import { BusyButton } from '../../../components/busy-button'
import { OrganisationFiguresView } from '../../../components/evaluation'
import { Choices, TextAreaField } from '../../../components/form'
import { SectionHeader } from '../../../components/list'
import { PageShell } from '../../../components/page-shell'
import { Loaded } from '../../../components/status'
import { useLoad } from '../../../hooks/use-load'
import { useSubmit } from '../../../hooks/use-submit'
import { go, paths, usePageParams } from '../../../routes'

/** 负责人：the period's work report (decision 051). The figures are the system's; the lead writes what was done. */
export default function ReportPage() {
  const { id = '' } = usePageParams()
  const [period, setPeriod] = useState<string | undefined>(undefined)
  const load = useLoad(() => api.evaluation.reportDraft({ organisationId: id, ...(period ? { period } : {}) }), [period])
  return (
    <PageShell>
      <Loaded load={load}>
        {(draft) => (
          <View>
            <View className="card">
              <SectionHeader title="报告期" />
              <Choices
                options={draft.periods.map((p) => p.period)}
                chosen={[draft.period]}
                labelOf={(key) => {
                  const p = draft.periods.find((each) => each.period === key)!
                  return p.submitted ? `${p.label}（已交）` : p.label
                }}
                onToggle={setPeriod}
              />
            </View>
            <View className="card">
              <SectionHeader title={`${draft.periodLabel}：系统统计`} hint="由系统按求助、活动和时间银行记录自动填写" />
              <OrganisationFiguresView figures={draft.figures} />
            </View>
            <ReportForm
              key={draft.period}
              organisationId={id}
              period={draft.period}
              text={draft.report?.text ?? ''}
              locked={draft.locked}
              onSaved={load.reload}
            />
            <Button className="btn btn-plain btn-block" onClick={() => go(paths.orgMoney(id))}>
              收费标准与收支公开
            </Button>
          </View>
        )}
      </Loaded>
    </PageShell>
  )
}

function ReportForm(props: { organisationId: string; period: string; text: string; locked: boolean; onSaved(): void }) {
  const [text, setText] = useState(props.text)
  const [saved, setSaved] = useState(false)
  const submit = useSubmit({ text })
  if (props.locked) {
    return (
      <View className="card">
        <Text className="card-text">两委已评定这一年，报告不能再改。</Text>
        <Text className="card-text">{props.text}</Text>
      </View>
    )
  }
  const send = async () => {
    const done = await submit.run(() => api.evaluation.submitReport({ organisationId: props.organisationId, period: props.period, text }))
    setSaved(done)
    if (done) props.onSaved()
  }
  return (
    <View className="card">
      <TextAreaField
        id="report-text"
        label="这一期做了什么"
        hint="写给社区两委看：做了哪些服务、活动，遇到什么困难"
        value={text}
        maxlength={1000}
        error={submit.errorOf('text')}
        onChange={(value) => {
          setText(value)
          setSaved(false)
        }}
      />
      {submit.errorOf() ? <Text className="field-error">{submit.errorOf()}</Text> : null}
      {saved ? <Text className="card-text">已提交，两委评定前还可以修改。</Text> : null}
      <BusyButton
        id="submit-report"
        primary
        busy={submit.busy}
        label={props.text ? '重新提交报告' : '提交报告'}
        onClick={() => void send()}
      />
    </View>
  )
}
