import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { MoveView } from '../../../../../shared/contracts/residents'
import { api } from '../../../api'
import { BusyButton } from '../../../components/busy-button'
import { ConfirmAction } from '../../../components/confirm-action'
import { ConsentPrompt } from '../../../components/consent'
import { Choices, Field, HomeAddressFields, TextAreaField } from '../../../components/form'
import { PageShell } from '../../../components/page-shell'
import { PlaceField, type Place } from '../../../components/place-field'
import { Loaded } from '../../../components/status'
import { formatDateTime } from '../../../format'
import { useLoad } from '../../../hooks/use-load'
import { useRequestId } from '../../../hooks/use-request-id'
import { useSubmit } from '../../../hooks/use-submit'

/** 搬家: where my move stands, or asking to move; the new community's committee confirms, and my time moves with me. */
export default function MovePage() {
  const load = useLoad(() => Promise.all([api.residents.myMoves(), api.residents.destinations()]))
  return (
    <PageShell>
      <Loaded load={load}>
        {([{ moves }, { communities }]) => {
          const waiting = moves.find((m) => m.status === 'asked')
          return (
            <View>
              {moves[0] && <MoveCard move={moves[0]} onChanged={load.reload} />}
              {waiting && (
                <ConsentPrompt moment="moving" title="有答复时提醒我" purpose="新社区两委确认或婉拒您的搬家申请时，在微信里提醒您。" />
              )}
              {!waiting && <MoveForm communities={communities} onAsked={load.reload} />}
            </View>
          )
        }}
      </Loaded>
    </PageShell>
  )
}

function MoveCard({ move, onChanged }: { move: MoveView; onChanged(): void }) {
  return (
    <View className="card" id="my-move">
      <Text className="card-label">我的搬家申请</Text>
      <Text className="card-title">
        {move.from.name} → {move.to.name}
      </Text>
      <Text className="card-text">
        新住址：{move.neighbourhood} {move.addressDetail}
      </Text>
      <Text className="card-text">状态：{move.statusLabel}</Text>
      <Text className="card-label">{formatDateTime(move.askedAt)} 申请</Text>
      {move.declineReason ? <Text className="card-text">原因：{move.declineReason}</Text> : null}
      {move.movedMinutes !== undefined ? <Text className="card-text">时间银行转入 {move.movedMinutes} 分钟</Text> : null}
      {move.status === 'asked' && (
        <ConfirmAction
          label="撤回申请"
          question="确定撤回这个搬家申请吗？"
          onConfirm={async () => {
            await api.residents.withdrawMove({ moveId: move.moveId })
            onChanged()
          }}
        />
      )}
    </View>
  )
}

function MoveForm({ communities, onAsked }: { communities: { communityId: string; name: string; street: string }[]; onAsked(): void }) {
  const [to, setTo] = useState<string | null>(null)
  const [neighbourhood, setNeighbourhood] = useState('')
  const [addressDetail, setAddressDetail] = useState('')
  const [reason, setReason] = useState('')
  const [place, setPlace] = useState<Place | null>(null)
  const [requestId] = useRequestId()
  const submit = useSubmit({ toCommunityId: to, neighbourhood, addressDetail, location: place, reason })
  const nameOf = (id: string) => communities.find((c) => c.communityId === id)?.name ?? id

  const ask = () =>
    void submit
      .run(() =>
        api.residents.askMove({
          toCommunityId: to ?? '',
          neighbourhood,
          addressDetail,
          ...(place ? { location: place.lngLat } : {}),
          ...(reason.trim() ? { reason } : {}),
          requestId,
        }),
      )
      .then((done) => done && onAsked())

  return (
    <View className="card">
      <Text className="card-label">搬到另一个社区</Text>
      <Text className="card-text">新社区两委确认后，你的时间银行余额会一起转过去。</Text>
      <Field label="搬到哪个社区" error={submit.errorOf('toCommunityId')}>
        <Choices options={communities.map((c) => c.communityId)} chosen={to ? [to] : []} onToggle={setTo} labelOf={nameOf} wide />
      </Field>
      <HomeAddressFields
        idPrefix="move"
        neighbourhood={neighbourhood}
        addressDetail={addressDetail}
        errors={{ neighbourhood: submit.errorOf('neighbourhood'), addressDetail: submit.errorOf('addressDetail') }}
        onNeighbourhood={setNeighbourhood}
        onAddressDetail={setAddressDetail}
      />
      <PlaceField
        label="新家在地图上的位置"
        shownAs="新家"
        home="先按新社区的中心"
        weappHint="点下面的按钮，在地图上选新家"
        hint="以后可以在手机上改"
        place={place}
        error={submit.errorOf('location')}
        onChange={setPlace}
      />
      <TextAreaField id="move-reason" label="想对新社区说的话（可不填）" maxlength={200} value={reason} onChange={setReason} />
      {submit.errorOf() ? <Text className="field-error">{submit.errorOf()}</Text> : null}
      <BusyButton id="ask-move" primary busy={submit.busy} label="提交搬家申请" onClick={ask} />
    </View>
  )
}
