import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { inShanghai } from '../../../../../shared/domain/time'
import { useState } from 'react'
import type { NeedView } from '../../../../../shared/contracts/needs'
import { MAX_NEED_PHOTOS, raiseNeedSchema } from '../../../../../shared/contracts/needs'
import { urgencyLabel, urgencySchema, type Urgency } from '../../../../../shared/domain/need'
import { helpKinds, type HelpKind } from '../../../../../shared/domain/vocabulary'
import { api } from '../../../api'
import { AsResident } from '../../../components/as-resident'
import { CallButton } from '../../../components/call-button'
import { Choices, Field, HomeAddressFields, StepFrame, TextAreaField, TextField } from '../../../components/form'
import { ConsentPrompt } from '../../../components/consent'
import { ListItem } from '../../../components/list'
import { EmergencyPanel, NeedCard } from '../../../components/need'
import { PageShell } from '../../../components/page-shell'
import { PhotoPicker, type ChosenPhoto } from '../../../components/photos'
import { PlaceField, type Place } from '../../../components/place-field'
import { formatDateTime, formatDistance } from '../../../format'
import { useSteppedForm } from '../../../hooks/use-stepped-form'
import { paths } from '../../../routes'

type Raised = Awaited<ReturnType<typeof api.needs.raise>>
type Duplicates = Awaited<ReturnType<typeof api.needs.checkDuplicates>>['possibleDuplicates']

/** When help is wanted, in words a resident uses; 越快越好 sends no time. */
const wantedChoices = {
  越快越好: () => undefined,
  今天之内: () => inShanghai().endOf('day'),
  明天之内: () => inShanghai().add(1, 'day').endOf('day'),
  一周之内: () => inShanghai().add(7, 'day').endOf('day'),
} as const
type Wanted = keyof typeof wantedChoices

const forWhomChoices = ['为自己求助', '为邻居求助'] as const

interface Draft {
  urgency: Urgency | null
  helpKind: HelpKind | null
  description: string
  /** Uploaded as each was chosen: the file ids to send, with the phone's copies to show meanwhile. */
  photos: ChosenPhoto[]
  neighbourhood: string
  addressDetail: string
  place: Place | null
  wanted: Wanted
  contactPhone: string
  forNeighbour: boolean
  neighbourName: string
}

/** Three short screens: what, where and when, how to reach you. */
const steps = [
  { title: '什么事', fields: ['urgency', 'helpKind', 'description', 'photos'] },
  { title: '在哪里、什么时候', fields: ['neighbourhood', 'addressDetail', 'location', 'wantedBy'] },
  { title: '怎么联系', fields: ['contactPhone', 'forNeighbour'] },
]

const unchosen = { urgency: '请选有多急', helpKind: '请选要帮什么忙' }

function toInput(draft: Draft) {
  return {
    urgency: draft.urgency ?? undefined,
    helpKind: draft.helpKind ?? undefined,
    description: draft.description,
    photos: draft.photos.map((p) => p.fileID),
    neighbourhood: draft.neighbourhood,
    addressDetail: draft.addressDetail,
    location: draft.place?.lngLat,
    wantedBy: wantedChoices[draft.wanted]()?.toISOString(),
    contactPhone: draft.contactPhone.trim(),
    forNeighbour: draft.forNeighbour ? { name: draft.neighbourName } : undefined,
  }
}

/** 我的 keeps the address as "小区 楼号单元": the 小区 first, the rest after the first space. */
function splitAddress(address: string | undefined): { neighbourhood: string; addressDetail: string } {
  const [neighbourhood = '', ...rest] = (address ?? '').split(' ')
  return { neighbourhood, addressDetail: rest.join(' ') }
}

export default function RaisePage() {
  const [raised, setRaised] = useState<Raised | null>(null)
  return (
    <PageShell>
      <AsResident why="求助会交给你所在社区附近的组织。">
        {(person) =>
          raised ? (
            <RaisedOutcome raised={raised} />
          ) : (
            <RaiseForm
              phone={person.phone ?? ''}
              address={person.address}
              committeePhone={person.community.committeePhone}
              onRaised={setRaised}
            />
          )
        }
      </AsResident>
    </PageShell>
  )
}

function RaiseForm({
  phone,
  address,
  committeePhone,
  onRaised,
}: {
  phone: string
  address?: string
  committeePhone: string
  onRaised(raised: Raised): void
}) {
  const form = useSteppedForm({
    initial: {
      urgency: null,
      helpKind: null,
      description: '',
      photos: [],
      ...splitAddress(address),
      place: null,
      wanted: '越快越好',
      contactPhone: phone,
      forNeighbour: false,
      neighbourName: '',
    } as Draft,
    steps,
    schema: raiseNeedSchema,
    toInput,
    unchosen,
    problemKey: { place: 'location', wanted: 'wantedBy', neighbourName: 'forNeighbour' },
  })
  const { draft, change, problems, step } = form
  // Shown once, before raising: the resident decides whether to go on.
  const [duplicates, setDuplicates] = useState<Duplicates | null>(null)

  const raise = () =>
    form.submit(async (input) => {
      onRaised(await api.needs.raise(input))
    })

  const checkThenRaise = () =>
    form.submit(async (input) => {
      const { possibleDuplicates } = await api.needs.checkDuplicates({
        helpKind: input.helpKind,
        location: input.location,
        neighbourhood: input.neighbourhood,
        addressDetail: input.addressDetail,
      })
      if (possibleDuplicates.length > 0) setDuplicates(possibleDuplicates)
      else onRaised(await api.needs.raise(input))
    })

  if (duplicates) {
    // Going on returns to the form while it sends, so that a refusal shows beside its field.
    const goOn = () => {
      setDuplicates(null)
      void raise()
    }
    return <DuplicatesQuestion duplicates={duplicates} onGoOn={goOn} onStop={() => setDuplicates(null)} />
  }

  return (
    <View>
      <EmergencyPanel need={draft} committeePhone={committeePhone} />
      <StepFrame
        form={form}
        submitLabel="发出求助"
        onSubmit={checkThenRaise}
        whenSendingFails={
          <View>
            <Text className="note">求助没有发出去。急的事，请直接打给社区：</Text>
            <CallButton primary phone={committeePhone} label={`打给社区两委 ${committeePhone}`} />
          </View>
        }
      >
        {step === 0 && (
          <View>
            <Field label="有多急" error={problems.urgency}>
              <Choices
                wide
                options={urgencySchema.options}
                chosen={draft.urgency ? [draft.urgency] : []}
                labelOf={(u) => urgencyLabel[u]}
                onToggle={(u) => change('urgency', u)}
              />
            </Field>
            {draft.urgency === 'life' && (
              // One tap after the choice (decision 037): no kind, no description; it goes out as 紧急救助.
              <View id="life-now" className="card">
                <Text className="card-text">有危险，不用往下填：点这里，马上发给社区和附近的组织。</Text>
                <Button id="raise-life-now" className="btn btn-emergency btn-block" disabled={form.sending} onClick={() => void raise()}>
                  马上发出求助
                </Button>
              </View>
            )}
            <Field label="要帮什么忙" hint="选一个最接近的" error={problems.helpKind}>
              <Choices options={helpKinds} chosen={draft.helpKind ? [draft.helpKind] : []} onToggle={(kind) => change('helpKind', kind)} />
            </Field>
            <TextAreaField
              id="need-description"
              label="说说是什么情况"
              hint="用自己的话说，几句就行"
              maxlength={500}
              value={draft.description}
              error={problems.description}
              onChange={(v) => change('description', v)}
            />
            <PhotoPicker
              id="need-photos"
              label={`照片（最多 ${MAX_NEED_PHOTOS} 张）`}
              hint="可不加；只给接单的组织和社区看"
              max={MAX_NEED_PHOTOS}
              photos={draft.photos}
              error={problems.photos}
              onChange={(photos) => change('photos', photos)}
            />
          </View>
        )}
        {step === 1 && (
          <View>
            <HomeAddressFields
              idPrefix="need"
              neighbourhood={draft.neighbourhood}
              addressDetail={draft.addressDetail}
              errors={problems}
              addressHint="只给接单的组织和社区看"
              onNeighbourhood={(v) => change('neighbourhood', v)}
              onAddressDetail={(v) => change('addressDetail', v)}
            />
            <PlaceField
              label="在地图上的位置"
              shownAs="地点"
              home="您家"
              weappHint="附近的组织按这个位置来帮忙；不在家的，可以在地图上另选"
              hint="附近的组织按您家的位置来帮忙（没有登记住址的，按社区的位置）"
              place={draft.place}
              error={problems.location}
              onChange={(place) => change('place', place)}
            />
            <Field label="什么时候要" error={problems.wantedBy}>
              <Choices options={Object.keys(wantedChoices) as Wanted[]} chosen={[draft.wanted]} onToggle={(w) => change('wanted', w)} />
            </Field>
          </View>
        )}
        {step === 2 && (
          <View>
            <TextField
              id="need-phone"
              type="number"
              label="联系电话"
              hint="只给接单的组织和社区看"
              maxlength={13}
              value={draft.contactPhone}
              error={problems.contactPhone}
              onChange={(v) => change('contactPhone', v)}
            />
            <Field
              label="为谁求助"
              hint="发现邻居需要帮忙，也可以替他说一声"
              error={draft.forNeighbour ? undefined : problems.forNeighbour}
            >
              <Choices
                options={forWhomChoices}
                chosen={[draft.forNeighbour ? '为邻居求助' : '为自己求助']}
                onToggle={(choice) => change('forNeighbour', choice === '为邻居求助')}
              />
            </Field>
            {draft.forNeighbour && (
              <TextField
                id="need-neighbour"
                label="邻居怎么称呼"
                maxlength={20}
                value={draft.neighbourName}
                error={problems.forNeighbour}
                onChange={(v) => change('neighbourName', v)}
              />
            )}
          </View>
        )}
      </StepFrame>
    </View>
  )
}

/** 附近 50 米内 24 小时内已有同类求助: the resident may still raise theirs, or stop. */
function DuplicatesQuestion({ duplicates, onGoOn, onStop }: { duplicates: Duplicates; onGoOn(): void; onStop(): void }) {
  return (
    <View>
      <View className="status">
        <Text className="status-title">附近 50 米内 24 小时内已有同类求助</Text>
        <Text className="status-text">可能是邻居已经替您说过了。您可以仍然发出，也可以先不发。</Text>
      </View>
      <View className="card">
        {duplicates.map((d) => (
          <View className="fact" key={d.needId}>
            <Text className="fact-value">
              {d.helpKind} · {d.statusLabel} · 相距 {formatDistance(d.distanceM)} · {formatDateTime(d.createdAt)}
            </Text>
          </View>
        ))}
      </View>
      <Button id="raise-anyway" className="btn btn-primary btn-block" onClick={onGoOn}>
        仍然发出求助
      </Button>
      <Button className="btn btn-plain btn-block" onClick={onStop}>
        先不发，回去看看
      </Button>
    </View>
  )
}

/** Raised: what happens next; for 危及生命安全 and 防骗维权 the numbers to call come first again. */
function RaisedOutcome({ raised }: { raised: Raised }) {
  const { need, emergency } = raised
  return (
    <View>
      {emergency && <EmergencyPanel need={need} committeePhone={emergency.committeePhone} />}
      <View className="status">
        <Text className="status-title">求助已发出</Text>
        <Text className="status-text">{nextStep(need)}</Text>
      </View>
      <NeedCard need={need} />
      <ConsentPrompt moment="needRaised" title="有进展时提醒我" purpose="有组织接单、转社区处理、服务完成时，在微信里提醒您。" />
      <View className="card">
        <ListItem title="看这条求助的进展" onClick={() => Taro.redirectTo({ url: paths.need(need.id) })} />
      </View>
    </View>
  )
}

function nextStep(need: NeedView): string {
  if (need.status === 'review') return '社区两委审核后，会交给附近的组织。有了进展会通知您。'
  if (need.status === 'escalated') return '附近暂时没有能接的组织，社区两委会安排人来帮您。'
  return '正在联系附近的组织，有组织接单后会通知您。'
}
