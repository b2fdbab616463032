import { Button, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { api } from '../../../api'
import { BusyButton } from '../../../components/busy-button'
import { Choices, TextField } from '../../../components/form'
import { SectionHeader } from '../../../components/list'
import { PageShell } from '../../../components/page-shell'
import { useSubmit } from '../../../hooks/use-submit'
import { usePageParams } from '../../../routes'

interface Row {
  item: string
  amount: string
  unit: string
}
const fenOf = (typed: string) => (/^\d+(\.\d{1,2})?$/.test(typed.trim()) ? Math.round(Number(typed.trim()) * 100) : null)

/** 负责人：收费标准 (decision 052): free, or what costs how much. Shown to everyone on its page. */
export default function ChargesPage() {
  const { id = '' } = usePageParams()
  const [free, setFree] = useState(true)
  const [rows, setRows] = useState<Row[]>([{ item: '', amount: '', unit: '次' }])
  const [saved, setSaved] = useState(false)
  const submit = useSubmit({ items: rows })
  const change = (i: number, patch: Partial<Row>) => setRows(rows.map((row, j) => (j === i ? { ...row, ...patch } : row)))
  const save = async () => {
    const items = free ? [] : rows.map((r) => ({ item: r.item, amountFen: fenOf(r.amount) ?? 0, unit: r.unit }))
    setSaved(await submit.run(() => api.evaluation.saveCharges({ organisationId: id, free, items })))
  }
  return (
    <PageShell>
      <View className="card">
        <SectionHeader title="收费吗？" />
        <Choices
          options={['free', 'paid'] as const}
          chosen={[free ? 'free' : 'paid']}
          labelOf={(o) => (o === 'free' ? '全部免费' : '部分收费')}
          onToggle={(o) => setFree(o === 'free')}
          wide
        />
        {free
          ? null
          : rows.map((row, i) => (
              <View key={i}>
                <TextField
                  id={`charge-item-${i}`}
                  label={`第 ${i + 1} 项：项目`}
                  value={row.item}
                  maxlength={40}
                  onChange={(item) => change(i, { item })}
                />
                <TextField
                  id={`charge-amount-${i}`}
                  large
                  label="金额（元）"
                  value={row.amount}
                  maxlength={12}
                  error={row.amount && fenOf(row.amount) === null ? '请填写金额，最多两位小数' : undefined}
                  onChange={(amount) => change(i, { amount })}
                />
                <TextField
                  id={`charge-unit-${i}`}
                  label="按什么收（次、月…）"
                  value={row.unit}
                  maxlength={10}
                  onChange={(unit) => change(i, { unit })}
                />
              </View>
            ))}
        {!free && rows.length < 20 ? (
          <Button className="btn btn-plain btn-block" onClick={() => setRows([...rows, { item: '', amount: '', unit: '次' }])}>
            再加一项
          </Button>
        ) : null}
        {submit.errorOf('items') ? <Text className="field-error">{submit.errorOf('items')}</Text> : null}
        {submit.errorOf() ? <Text className="field-error">{submit.errorOf()}</Text> : null}
        {saved ? <Text className="card-text">已保存，组织主页上公开。</Text> : null}
        <BusyButton id="save-charges" primary busy={submit.busy} label="保存收费标准" onClick={() => void save()} />
      </View>
    </PageShell>
  )
}
