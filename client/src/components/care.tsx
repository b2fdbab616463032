import { Button, Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { RegisterRow, VisitAssignment, VisitView } from '../../../shared/contracts/care'
import { careGroupSchema, visitFrequencyLabel, visitFrequencySchema, visitWanted, type VisitFrequency } from '../../../shared/domain/care'
import { inShanghai } from '../../../shared/domain/time'
import type { SpecialNeedGroup } from '../../../shared/domain/vocabulary'
import { formatDate, formatDateTime, formatWeekday } from '../format'
import { CallButton } from './call-button'
import { Choices, Field, HomeAddressFields, TextAreaField, TextField } from './form'
import { Card, Fact, Tags } from './list'
import { PlaceField, type Place } from './place-field'

/** Who visits the person, in one line. */
export function pairingText(pairing: RegisterRow['pairing']): string {
  const who = [pairing.organisation?.name, ...pairing.volunteers.map((v) => v.name)].filter(Boolean)
  return who.length === 0 ? '还没有结对' : who.join('、')
}

/**
 * Where a person stands against their schedule: the standing (the ones that want a visit stand
 * out), the last visit and the next due. Nothing is due once consent was withdrawn.
 */
type Schedule = Pick<RegisterRow, 'standing' | 'standingLabel' | 'lastVisitAt' | 'nextDueAt' | 'frequencyLabel'>

function StandingTag({ person }: { person: Schedule }) {
  if (!person.standing) return null
  return (
    <View className={visitWanted(person.standing) ? `standing standing-${person.standing}` : 'standing'}>
      <Text>{person.standingLabel}</Text>
    </View>
  )
}

function ScheduleFacts({ person }: { person: Schedule }) {
  if (!person.nextDueAt) return null
  return (
    <View>
      <Fact label="上次探访">{person.lastVisitAt ? formatDate(person.lastVisitAt) : '还没有探访过'}</Fact>
      <Fact label="下次探访">
        {formatDate(person.nextDueAt)} 前（{person.frequencyLabel}）
      </Fact>
    </View>
  )
}

/** A line of the committee's register: the whole card opens the person's page. */
export function RegisterRowCard({ row, onClick }: { row: RegisterRow; onClick(): void }) {
  return (
    <Card onClick={onClick}>
      <View className="care-row">
        <Text className="card-title">{row.name}</Text>
        <StandingTag person={row} />
        <Text className="card-text">{row.neighbourhood}</Text>
        <Tags tags={row.groups} />
        <Fact label="结对">{pairingText(row.pairing)}</Fact>
        <ScheduleFacts person={row} />
      </View>
    </Card>
  )
}

type PersonFacts = Schedule & Pick<VisitAssignment, 'name' | 'neighbourhood' | 'addressDetail' | 'phone' | 'careNeeds' | 'emergencyContact'>

/**
 * A person on the register with what a visit needs: where, what they need, whom to call if
 * something is wrong, when to visit; big buttons to ring them and their contact. `details` adds
 * what the viewer may see besides (the committee: the groups); `children` go last (actions).
 */
export function PersonCard({ person, details, children }: { person: PersonFacts; details?: ReactNode; children?: ReactNode }) {
  const contact = person.emergencyContact
  return (
    <View className="card care-person">
      <Text className="card-title">{person.name}</Text>
      <StandingTag person={person} />
      {details}
      <Fact label="住址">
        {person.neighbourhood} {person.addressDetail}
      </Fact>
      {person.phone ? <Fact label="电话">{person.phone}</Fact> : null}
      <Fact label="需要">{person.careNeeds}</Fact>
      <Fact label="紧急联系人">
        {contact.name}（{contact.relation}）{contact.phone}
      </Fact>
      <ScheduleFacts person={person} />
      {person.phone ? <CallButton phone={person.phone} label={`打给${person.name} ${person.phone}`} /> : null}
      <CallButton phone={contact.phone} label={`打给${contact.relation} ${contact.phone}`} />
      {children}
    </View>
  )
}

/** Visits, newest first as the function gives them; a visit that raised a need links to it. */
export function VisitList({ visits, openNeed }: { visits: VisitView[]; openNeed(needId: string): void }) {
  return (
    <View id="visits" className="card">
      {visits.map((visit) => (
        <View className="visit" key={visit.visitId}>
          <Text className="visit-title">
            {formatDateTime(visit.visitedAt)} · {visit.modeLabel}
          </Text>
          <Text className="card-text">
            情况{visit.wellbeingLabel} · {visit.visitorName}
          </Text>
          {visit.notes ? <Text className="card-text">{visit.notes}</Text> : null}
          {visit.needId ? (
            <Button className="btn btn-plain btn-block" onClick={() => openNeed(visit.needId!)}>
              看这次发起的求助
            </Button>
          ) : null}
        </View>
      ))}
    </View>
  )
}

/** A day among the last week, as big choices rather than a wheel: 今天, 昨天, 前天, then dates. */
const RECENT_DAYS = 7

/** Now, or the same time of day `days` days ago in Shanghai, as the contracts take it. */
export function daysAgo(days: number): string {
  return inShanghai().subtract(days, 'day').toISOString()
}

export function RecentDayField({
  label,
  hint,
  days,
  error,
  onChange,
}: {
  label: string
  hint?: string
  days: number
  error?: string
  onChange(days: number): void
}) {
  const options = Array.from({ length: RECENT_DAYS }, (_, i) => String(i))
  const labelOf = (option: string) => {
    const n = Number(option)
    return ['今天', '昨天', '前天'][n] ?? formatWeekday(inShanghai().subtract(n, 'day').toISOString())
  }
  return (
    <Field label={label} hint={hint} error={error}>
      <Choices options={options} chosen={[String(days)]} labelOf={labelOf} onToggle={(option) => onChange(Number(option))} />
    </Field>
  )
}

// ——— The person's facts, asked by 登记 and 修改 in the same three screens ———

export interface PersonDraft {
  name: string
  phone: string
  neighbourhood: string
  addressDetail: string
  place: Place | null
  groups: SpecialNeedGroup[]
  careNeeds: string
  contactName: string
  contactRelation: string
  contactPhone: string
  frequency: VisitFrequency
}

export const personSteps = [
  { title: '是谁、住在哪里', fields: ['residentId', 'name', 'phone', 'neighbourhood', 'addressDetail', 'location'] },
  { title: '属于哪类、需要什么', fields: ['groups', 'careNeeds'] },
  { title: '紧急联系人和探访频次', fields: ['emergencyContact.name', 'emergencyContact.relation', 'emergencyContact.phone', 'frequency'] },
] as const

/** Draft keys whose problem is reported under another name (the contract's). */
export const personProblemKey = {
  place: 'location',
  contactName: 'emergencyContact.name',
  contactRelation: 'emergencyContact.relation',
  contactPhone: 'emergencyContact.phone',
} as const

const nestedRecords = ['emergencyContact', 'consent', 'worry']

/** A problem's key: the contract's nested records (emergency contact, consent, worry) name the field inside them. */
export function careFieldKey(path: readonly string[]): string {
  return nestedRecords.includes(path[0]) && path[1] ? `${path[0]}.${path[1]}` : path[0]
}

/** The contract's person fields from the draft; an empty phone is none. */
export function personInput(draft: PersonDraft) {
  return {
    phone: draft.phone.trim() || undefined,
    neighbourhood: draft.neighbourhood,
    addressDetail: draft.addressDetail,
    location: draft.place?.lngLat,
    groups: draft.groups,
    careNeeds: draft.careNeeds,
    emergencyContact: { name: draft.contactName, relation: draft.contactRelation, phone: draft.contactPhone.trim() },
    frequency: draft.frequency,
  }
}

const toggled = <T,>(list: readonly T[], item: T) => (list.includes(item) ? list.filter((i) => i !== item) : [...list, item])

/**
 * One of the three screens. `name` is what the first screen shows of the name: a field on 登记,
 * the name as registered on 修改 (the contract does not change it). `finder` links a resident.
 */
export function PersonStep({
  step,
  draft,
  problems,
  change,
  name,
  finder,
}: {
  step: number
  draft: PersonDraft
  problems: Partial<Record<string, string>>
  change<K extends keyof PersonDraft>(key: K, value: PersonDraft[K]): void
  name: 'field' | 'fixed'
  finder?: ReactNode
}) {
  if (step === 0) {
    return (
      <View>
        {finder}
        {name === 'field' ? (
          <TextField
            id="care-name"
            label="姓名"
            maxlength={20}
            value={draft.name}
            error={problems.name}
            onChange={(v) => change('name', v)}
          />
        ) : (
          <Fact label="姓名">{draft.name}</Fact>
        )}
        <TextField
          id="care-phone"
          type="number"
          label="本人电话（可不填）"
          maxlength={13}
          value={draft.phone}
          error={problems.phone}
          onChange={(v) => change('phone', v)}
        />
        <HomeAddressFields
          idPrefix="care"
          neighbourhood={draft.neighbourhood}
          addressDetail={draft.addressDetail}
          errors={problems}
          onNeighbourhood={(v) => change('neighbourhood', v)}
          onAddressDetail={(v) => change('addressDetail', v)}
        />
        <PlaceField
          label="在地图上的位置"
          shownAs="位置"
          home="本人家里"
          weappHint="替本人求助时按这个位置找附近的组织；可以在地图上选本人家里"
          hint="关联了居民的，按本人登记的家；没有关联的，按社区的位置"
          place={draft.place}
          error={problems.location}
          onChange={(place) => change('place', place)}
        />
      </View>
    )
  }
  if (step === 1) {
    return (
      <View>
        <Field label="属于哪几类" hint="可以选几类；只有社区两委能看到" error={problems.groups}>
          <Choices
            options={careGroupSchema.options}
            chosen={draft.groups}
            onToggle={(group) => change('groups', toggled(draft.groups, group))}
          />
        </Field>
        <TextAreaField
          id="care-needs"
          label="需要什么关照"
          hint="结对的志愿者探访时会看到"
          maxlength={300}
          value={draft.careNeeds}
          error={problems.careNeeds}
          onChange={(v) => change('careNeeds', v)}
        />
      </View>
    )
  }
  return (
    <View>
      <TextField
        id="care-contact-name"
        label="紧急联系人姓名"
        maxlength={20}
        value={draft.contactName}
        error={problems['emergencyContact.name']}
        onChange={(v) => change('contactName', v)}
      />
      <TextField
        id="care-contact-relation"
        label="和本人的关系"
        hint="如：儿子、女儿、邻居"
        maxlength={10}
        value={draft.contactRelation}
        error={problems['emergencyContact.relation']}
        onChange={(v) => change('contactRelation', v)}
      />
      <TextField
        id="care-contact-phone"
        type="number"
        label="紧急联系人电话"
        maxlength={13}
        value={draft.contactPhone}
        error={problems['emergencyContact.phone']}
        onChange={(v) => change('contactPhone', v)}
      />
      <Field label="多久探访一次" hint="独居高龄等需要多照看的，可以每周一次" error={problems.frequency}>
        <Choices
          options={visitFrequencySchema.options}
          chosen={[draft.frequency]}
          labelOf={(f) => visitFrequencyLabel[f]}
          onToggle={(f) => change('frequency', f)}
        />
      </Field>
    </View>
  )
}
