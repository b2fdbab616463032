import { Button, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { ledgerDirectionLabel, ledgerDirections, yuanLabel, type LedgerDirection } from '../../../../../shared/domain/evaluation'
import { inShanghai } from '../../../../../shared/domain/time'
import { api } from '../../../api'
import { BusyButton } from '../../../components/busy-button'
import { CalendarDayChoice, Choices, TextField } from '../../../components/form'
import { SectionHeader } from '../../../components/list'
import { PageShell } from '../../../components/page-shell'
import { useSubmit } from '../../../hooks/use-submit'
import { go, paths, usePageParams } from '../../../routes'

/** 元 as typed ("12.5") to whole fen, or null when it is not an amount. */
function fenOf(typed: string): number | null {
  if (!/^\d+(\.\d{1,2})?$/.test(typed.trim())) return null
  const [yuan, cents = ''] = typed.trim().split('.')
  return Number(yuan) * 100 + Number(cents.padEnd(2, '0'))
}

/** 负责人：记一笔收入或支出 (decision 052). Residents of the communities it serves see them on its page. */
export default function MoneyPage() {
  const { id = '' } = usePageParams()
  const today = inShanghai(new Date()).format('YYYY-MM-DD')
  const [direction, setDirection] = useState<LedgerDirection>('in')
  const [day, setDay] = useState(today)
  const [amount, setAmount] = useState('')
  const [purpose, setPurpose] = useState('')
  const [added, setAdded] = useState<string | null>(null)
  const submit = useSubmit({ amountFen: amount, purpose, day })
  const fen = fenOf(amount)
  const [checked, setChecked] = useState(false)
  const save = async () => {
    setChecked(true)
    if (fen === null) return
    const done = await submit.run(() => api.evaluation.addLedgerEntry({ organisationId: id, day, direction, amountFen: fen, purpose }))
    if (done) {
      setAdded(`已记：${ledgerDirectionLabel[direction]} ${yuanLabel(fen)}，${purpose}`)
      setChecked(false)
      setAmount('')
      setPurpose('')
    }
  }
  return (
    <PageShell>
      <View className="card">
        <SectionHeader title="记一笔账" hint="所服务社区的居民能在组织主页上看到" />
        <Choices<LedgerDirection>
          options={ledgerDirections}
          chosen={[direction]}
          labelOf={(d) => ledgerDirectionLabel[d]}
          onToggle={setDirection}
          wide
        />
        <SectionHeader title="日期" />
        <CalendarDayChoice day={day} from="2000-01-01" onPick={setDay} />
        {submit.errorOf('day') ? <Text className="field-error">{submit.errorOf('day')}</Text> : null}
        <TextField
          id="ledger-amount"
          large
          label="金额（元）"
          hint="例如 120 或 12.50"
          value={amount}
          maxlength={12}
          error={(amount || checked) && fen === null ? '请填写金额，最多两位小数' : submit.errorOf('amountFen')}
          onChange={setAmount}
        />
        <TextField
          id="ledger-purpose"
          label="用途或来源"
          value={purpose}
          maxlength={100}
          error={submit.errorOf('purpose')}
          onChange={setPurpose}
        />
        {submit.errorOf() ? <Text className="field-error">{submit.errorOf()}</Text> : null}
        {added ? <Text className="card-text">{added}</Text> : null}
        <BusyButton id="add-ledger" primary busy={submit.busy} label="记下这一笔" onClick={() => void save()} />
      </View>
      <Button className="btn btn-plain btn-block" onClick={() => go(paths.orgCharges(id))}>
        修改收费标准
      </Button>
      <Button className="btn btn-plain btn-block" onClick={() => go(paths.profile(id))}>
        看组织主页
      </Button>
    </PageShell>
  )
}
