import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { timebankContract, type ItemView } from '../../../../../shared/contracts/timebank'
import type { OrganisationSummary } from '../../../../../shared/contracts/organisations'
import { itemKindLabel, itemKindSchema, MAX_PRICE_MINUTES, MAX_RESTOCK_DELTA, type ItemKind } from '../../../../../shared/domain/timebank'
import { api } from '../../../api'
import { BusyButton } from '../../../components/busy-button'
import { ConfirmAction } from '../../../components/confirm-action'
import { Choices, Field, Stepper, TextAreaField, TextField } from '../../../components/form'
import { SectionHeader, Tags } from '../../../components/list'
import { PageShell } from '../../../components/page-shell'
import { Loaded } from '../../../components/status'
import { providerName } from '../../../components/time-bank'
import { formatMinutes } from '../../../format'
import { useLoad } from '../../../hooks/use-load'
import { useSteppedForm } from '../../../hooks/use-stepped-form'
import { useSubmit } from '../../../hooks/use-submit'
import { usePageParams } from '../../../routes'

const PRICE_STEP = 30
/** The committee itself provides it: no organisation. */
const COMMITTEE = ''

/** One item of the catalogue: what it is and costs, how many are left, and taking it off the shelf. */
export default function CatalogueItemPage() {
  const { communityId = '', id } = usePageParams()
  const load = useLoad(async () => {
    const [{ items }, { organisations }] = await Promise.all([
      api.timebank.items({ communityId }),
      api.organisations.list({ communityId, status: 'approved' }),
    ])
    return { item: items.find((i) => i.id === id) ?? null, organisations }
  })
  return (
    <PageShell>
      <Loaded load={load}>
        {(data) => {
          const replace = (item: ItemView) => load.replace((shown) => ({ ...shown, item }))
          return (
            <View>
              {data.item && <Stock item={data.item} onChanged={replace} />}
              <ItemForm communityId={communityId} item={data.item} organisations={data.organisations} onSaved={replace} />
              {data.item?.status === 'active' && (
                <ConfirmAction
                  label="下架"
                  question={`下架「${data.item.name}」？居民就不能再兑换它；已兑换的仍可领取。`}
                  reason={{ label: '下架的理由', required: false }}
                  onConfirm={async (reason) => replace((await api.timebank.retireItem({ itemId: data.item!.id, reason })).item)}
                />
              )}
            </View>
          )
        }}
      </Loaded>
    </PageShell>
  )
}

interface Draft {
  name: string
  kind: ItemKind | null
  priceMinutes: number
  description: string
  provider: string
}

function ItemForm({
  communityId,
  item,
  organisations,
  onSaved,
}: {
  communityId: string
  item: ItemView | null
  organisations: OrganisationSummary[]
  onSaved(item: ItemView): void
}) {
  const [saved, setSaved] = useState(false)
  const form = useSteppedForm({
    initial: {
      name: item?.name ?? '',
      kind: item?.kind ?? null,
      priceMinutes: item?.priceMinutes ?? 60,
      description: item?.description ?? '',
      provider: item?.provider?.organisationId ?? COMMITTEE,
    } as Draft,
    steps: [{ title: item ? '修改' : '上架新的一项', fields: ['name', 'kind', 'priceMinutes', 'description', 'providerOrganisationId'] }],
    schema: timebankContract.actions.saveItem.input,
    toInput: (draft: Draft) => ({
      communityId,
      itemId: item?.id,
      name: draft.name,
      kind: draft.kind ?? undefined,
      priceMinutes: draft.priceMinutes,
      description: draft.description.trim() || undefined,
      providerOrganisationId: draft.provider || undefined,
    }),
    unchosen: { kind: '请选是服务还是物品' },
    problemKey: { provider: 'providerOrganisationId' },
  })
  const { draft, change, problems } = form
  const providers = [COMMITTEE, ...organisations.map((o) => o.id)]
  const save = () =>
    form.submit(async (input) => {
      const { item: next } = await api.timebank.saveItem(input)
      setSaved(true)
      if (!item) void Taro.setNavigationBarTitle({ title: next.name })
      onSaved(next)
    })

  return (
    <View id="item-form" className="card">
      <SectionHeader title={item ? '名称和价格' : '上架新的一项'} hint={item ? undefined : '上架后再补货：新的一项库存为 0'} />
      <TextField id="item-name" label="名称" maxlength={30} value={draft.name} error={problems.name} onChange={(v) => change('name', v)} />
      <Field label="是什么" error={problems.kind}>
        <Choices<ItemKind>
          options={itemKindSchema.options}
          chosen={draft.kind ? [draft.kind] : []}
          labelOf={(k) => itemKindLabel[k]}
          onToggle={(k) => change('kind', k)}
        />
      </Field>
      <Field label="价格（用多少时间换）" error={problems.priceMinutes}>
        <Stepper
          id="item-price"
          value={draft.priceMinutes}
          min={PRICE_STEP}
          max={MAX_PRICE_MINUTES}
          step={PRICE_STEP}
          unit={formatMinutes}
          onChange={(n) => change('priceMinutes', n)}
        />
      </Field>
      <TextAreaField
        id="item-description"
        label="说明（可不填）"
        maxlength={200}
        value={draft.description}
        error={problems.description}
        onChange={(v) => change('description', v)}
      />
      <Field label="由谁提供、交付" hint="选一个组织，它的负责人也能确认交付" error={problems.providerOrganisationId}>
        <Choices
          options={providers}
          chosen={[draft.provider]}
          labelOf={(p) => (p === COMMITTEE ? '社区两委' : organisations.find((o) => o.id === p)!.name)}
          onToggle={(p) => change('provider', p)}
        />
      </Field>
      {form.failure ? <Text className="field-error">{form.failure}</Text> : null}
      {saved && !form.sending ? <Text className="note">已保存</Text> : null}
      <BusyButton id="save-item" primary busy={form.sending} label={item ? '保存修改' : '上架'} onClick={save} />
    </View>
  )
}

/** Stock moves by a change, not a total, and never below zero. */
function Stock({ item, onChanged }: { item: ItemView; onChanged(item: ItemView): void }) {
  const [direction, setDirection] = useState<'增加' | '减少'>('增加')
  const [count, setCount] = useState('')
  const [reason, setReason] = useState('')
  const submit = useSubmit(['delta', 'reason'])
  const change = () =>
    submit.run(async () => {
      const n = Number(count)
      const delta = direction === '增加' ? n : -n
      const { item: next } = await api.timebank.restockItem({ itemId: item.id, delta, reason: reason.trim() || undefined })
      setCount('')
      setReason('')
      onChanged(next)
    })
  return (
    <View id="item-stock" className="card">
      <Text className="card-title">{item.name}</Text>
      <Tags tags={item.status === 'active' ? [item.kindLabel] : [item.kindLabel, item.statusLabel]} />
      <Text className="card-text">
        价格 {formatMinutes(item.priceMinutes)} · 由{providerName(item)}提供
      </Text>
      <Text id="stock" className="coverage-figure">
        库存 {item.stock} 份
      </Text>
      <Field label="补货或减少" hint={`一次最多 ${MAX_RESTOCK_DELTA} 份`}>
        <Choices<'增加' | '减少'> options={['增加', '减少']} chosen={[direction]} onToggle={setDirection} />
      </Field>
      <TextField
        id="stock-count"
        type="number"
        label="多少份"
        maxlength={4}
        value={count}
        error={submit.errorOf('delta')}
        onChange={setCount}
      />
      <TextField
        id="stock-reason"
        label="说明（可不填）"
        hint="如：超市捐赠 20 份"
        maxlength={100}
        value={reason}
        error={submit.errorOf('reason')}
        onChange={setReason}
      />
      {submit.errorOf() ? <Text className="field-error">{submit.errorOf()}</Text> : null}
      <BusyButton id="restock" busy={submit.busy} label={`确定${direction}`} onClick={change} />
    </View>
  )
}
