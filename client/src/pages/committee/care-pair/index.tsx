import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { RegisterEntry } from '../../../../../shared/contracts/care'
import type { OrganisationSummary } from '../../../../../shared/contracts/organisations'
import { roleLabel } from '../../../../../shared/domain/roles'
import { api } from '../../../api'
import { BusyButton } from '../../../components/busy-button'
import { pairingText } from '../../../components/care'
import { Choices, Field } from '../../../components/form'
import { SectionHeader } from '../../../components/list'
import { PageShell } from '../../../components/page-shell'
import { Empty, Loaded } from '../../../components/status'
import { useLoad } from '../../../hooks/use-load'
import { useSubmit } from '../../../hooks/use-submit'
import { usePageParams } from '../../../routes'

/** The contract's cap on volunteers paired with one person. */
const MAX_VOLUNTEERS = 5

const ways = { organisation: '这个组织包户，再指定志愿者', volunteers: '只由指定的志愿者探访' } as const
type Way = keyof typeof ways

/**
 * 结对帮扶: one of the community's approved organisations, and volunteers among its members. The
 * organisation may take the person on as a whole (综合包户) or only name its volunteers.
 */
export default function CarePairPage() {
  const { id = '', communityId = '' } = usePageParams()
  const load = useLoad(async () => {
    const [{ entry }, { organisations }] = await Promise.all([
      api.care.entry({ entryId: id }),
      api.organisations.list({ communityId, status: 'approved' }),
    ])
    return { entry, organisations }
  })
  return (
    <PageShell>
      <Loaded load={load}>
        {({ entry, organisations }) =>
          organisations.length === 0 ? (
            <Empty title="本社区还没有已备案的组织">结对的志愿者来自本社区的组织。组织备案通过后，再来安排结对。</Empty>
          ) : (
            <PairForm entry={entry} organisations={organisations} />
          )
        }
      </Loaded>
    </PageShell>
  )
}

function PairForm({ entry, organisations }: { entry: RegisterEntry; organisations: OrganisationSummary[] }) {
  const current = entry.pairing.organisation?.id
  const [organisationId, setOrganisationId] = useState(current ?? organisations[0].id)
  const [way, setWay] = useState<Way>(current === undefined && entry.pairing.volunteers.length > 0 ? 'volunteers' : 'organisation')
  const [volunteers, setVolunteers] = useState(entry.pairing.volunteers.map((v) => v.memberId))
  const [tooMany, setTooMany] = useState(false)
  const submit = useSubmit(['organisationId', 'volunteerMemberIds'])

  const chooseOrganisation = (next: string) => {
    if (next === organisationId) return
    setOrganisationId(next)
    // The volunteers chosen were members of the other organisation.
    setVolunteers([])
  }

  const toggle = (memberId: string) => {
    const on = volunteers.includes(memberId)
    setTooMany(!on && volunteers.length >= MAX_VOLUNTEERS)
    if (on) setVolunteers(volunteers.filter((v) => v !== memberId))
    else if (volunteers.length < MAX_VOLUNTEERS) setVolunteers([...volunteers, memberId])
  }

  const pair = () =>
    submit.run(async () => {
      await api.care.pair({
        entryId: entry.entryId,
        organisationId: way === 'organisation' ? organisationId : undefined,
        volunteerMemberIds: volunteers,
      })
      void Taro.navigateBack()
    })

  const nameOf = (id: string) => organisations.find((o) => o.id === id)?.name ?? id
  return (
    <View>
      <Text className="greeting">{entry.name}</Text>
      <Text className="page-hint">现在：{pairingText(entry.pairing)}</Text>
      <View className="card">
        <Field label="哪个组织" error={submit.errorOf('organisationId')}>
          <Choices wide options={organisations.map((o) => o.id)} chosen={[organisationId]} labelOf={nameOf} onToggle={chooseOrganisation} />
        </Field>
        <Field label="怎么结对">
          <Choices<Way> wide options={Object.keys(ways) as Way[]} chosen={[way]} labelOf={(w) => ways[w]} onToggle={setWay} />
        </Field>
        <Members
          key={organisationId}
          organisationId={organisationId}
          entry={entry}
          chosen={volunteers}
          onToggle={toggle}
          error={tooMany ? `最多选 ${MAX_VOLUNTEERS} 位` : submit.errorOf('volunteerMemberIds')}
        />
      </View>
      {submit.errorOf() ? <Text className="field-error">{submit.errorOf()}</Text> : null}
      <BusyButton id="pair-send" primary busy={submit.busy} label="确定结对" onClick={pair} />
    </View>
  )
}

/** The chosen organisation's members who fit first (decision 045), to choose volunteers from; paused ones are not offered. */
function Members({
  organisationId,
  entry,
  chosen,
  error,
  onToggle,
}: {
  organisationId: string
  entry: RegisterEntry
  chosen: string[]
  error?: string
  onToggle(memberId: string): void
}) {
  const load = useLoad(() => api.organisations.candidates({ organisationId, careEntryId: entry.entryId }))
  return (
    <View>
      <SectionHeader title="探访的志愿者" hint={`最多 ${MAX_VOLUNTEERS} 位；志愿者会在“我的探访”里看到这位居民`} />
      <Loaded load={load}>
        {({ candidates, pausedCount }) => {
          // Someone paired before they paused stays paired until taken off (and a member of another organisation is not chosen).
          const paired = entry.pairing.volunteers.filter(
            (v) => chosen.includes(v.memberId) && !candidates.some((c) => c.memberId === v.memberId),
          )
          const labelOf = new Map([
            ...paired.map((v) => [v.memberId, v.name] as const),
            ...candidates.map((c) => [c.memberId, c.role === 'volunteer' ? c.name : `${c.name}（${roleLabel[c.role]}）`] as const),
          ])
          const reasonsOf = new Map(candidates.map((c) => [c.memberId, c.reasons.join(' · ')]))
          return (
            <Field
              label={`已选 ${chosen.length} 位`}
              hint={pausedCount > 0 ? `另有 ${pausedCount} 位暂停接单，不在这里` : undefined}
              error={error}
            >
              <Choices
                wide
                options={[...candidates.map((c) => c.memberId), ...paired.map((v) => v.memberId)]}
                chosen={chosen}
                labelOf={(memberId) => labelOf.get(memberId) ?? memberId}
                detailOf={(memberId) => reasonsOf.get(memberId)}
                onToggle={onToggle}
              />
            </Field>
          )
        }}
      </Loaded>
    </View>
  )
}
