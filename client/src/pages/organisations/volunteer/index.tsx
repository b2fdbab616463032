import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { VolunteerProfileInput, VolunteerProfileView } from '../../../../../shared/contracts/organisations'
import { inShanghai } from '../../../../../shared/domain/time'
import { helpKinds, type HelpKind } from '../../../../../shared/domain/vocabulary'
import {
  availabilitySlots,
  distanceLabel,
  MAX_PAUSE_REASON_LENGTH,
  MAX_TAG_LENGTH,
  MAX_TAGS,
  rangeChoices,
  slotLabel,
  type AvailabilitySlot,
  type RangeChoice,
} from '../../../../../shared/domain/volunteer-profile'
import { api } from '../../../api'
import { BusyButton } from '../../../components/busy-button'
import { ConsentPrompt } from '../../../components/consent'
import { CalendarDayChoice, Choices, Field, TextField } from '../../../components/form'
import { SectionHeader } from '../../../components/list'
import { PageShell } from '../../../components/page-shell'
import { Loaded } from '../../../components/status'
import { nextStarText, pauseText, StarsLine } from '../../../components/volunteer'
import { formatMinutes } from '../../../format'
import { useLoad } from '../../../hooks/use-load'
import { useSubmit } from '../../../hooks/use-submit'

/**
 * 我的志愿者资料: one for all the organisations I serve with. What I am good at, when I am usually
 * free and how far I will go help the lead choose me; 暂停接单 keeps me off assignments for a while.
 */
export default function VolunteerPage() {
  const load = useLoad(() => api.organisations.myProfile({}))
  return (
    <PageShell>
      <Loaded load={load}>{(view) => <ProfileForm view={view} onSaved={(saved) => load.replace(() => saved)} />}</Loaded>
    </PageShell>
  )
}

const taking = { taking: '正常接单', paused: '暂停接单（休假、生病时）' } as const
type Taking = keyof typeof taking
/** A pause without an end: until I switch it off. */
const NO_END = '不定'

/** Tags as one line the volunteer types: 做饭 修家电 手语. */
const tagsOf = (line: string) => line.split(/[\s,，、;；]+/).filter(Boolean)

function ProfileForm({ view, onSaved }: { view: VolunteerProfileView; onSaved(view: VolunteerProfileView): void }) {
  const [skills, setSkills] = useState<HelpKind[]>(view.profile.skills)
  const [tagLine, setTagLine] = useState(view.profile.tags.join(' '))
  const [availability, setAvailability] = useState<AvailabilitySlot[]>(view.profile.availability)
  const [rangeM, setRangeM] = useState<RangeChoice>(view.profile.rangeM)
  const [state, setState] = useState<Taking>(view.profile.paused ? 'paused' : 'taking')
  const [until, setUntil] = useState<string | null>(view.profile.paused?.until ?? null)
  const [reason, setReason] = useState(view.profile.paused?.reason ?? '')
  const [saved, setSaved] = useState(false)
  const input: VolunteerProfileInput = {
    skills,
    tags: tagsOf(tagLine),
    availability,
    rangeM,
    paused: state === 'paused' ? { ...(until ? { until } : {}), ...(reason.trim() ? { reason } : {}) } : null,
  }
  const submit = useSubmit(input)
  const toggle = <T,>(list: T[], item: T) => (list.includes(item) ? list.filter((i) => i !== item) : [...list, item])
  const save = async () => {
    setSaved(false)
    if (await submit.run(async () => onSaved(await api.organisations.saveProfile(input)))) setSaved(true)
  }
  const today = inShanghai().format('YYYY-MM-DD')
  const next = nextStarText(view.stars)
  return (
    <View>
      <View className="card" id="my-stars">
        <SectionHeader title="我的星级" />
        {view.stars.label ? <StarsLine stars={view.stars} /> : <Text className="card-title">还没有星级</Text>}
        <Text className="card-text">{`累计志愿服务 ${formatMinutes(view.stars.countedMinutes)}`}</Text>
        {next ? <Text className="card-text">{next}</Text> : null}
      </View>
      {view.pausedNow ? <Text className="page-hint">{`现在：${pauseText(view.profile.paused)}，负责人安排任务时看不到我`}</Text> : null}
      <View className="card">
        <Field label="现在能接单吗" error={submit.errorOf('paused')}>
          <Choices<Taking> wide options={Object.keys(taking) as Taking[]} chosen={[state]} labelOf={(t) => taking[t]} onToggle={setState} />
        </Field>
        {state === 'paused' && (
          <View>
            <Field label="暂停到哪天" hint="到了这天之后自动恢复接单">
              <Choices
                options={[NO_END]}
                chosen={until ? [] : [NO_END]}
                onToggle={() => setUntil(null)}
                extra={<CalendarDayChoice day={until} from={today} onPick={setUntil} />}
              />
            </Field>
            <TextField
              id="pause-reason"
              label="原因（可不填）"
              hint="只有我参加的组织的负责人能看到"
              maxlength={MAX_PAUSE_REASON_LENGTH}
              value={reason}
              onChange={setReason}
            />
          </View>
        )}
      </View>
      <View className="card">
        <Field label="我擅长" hint="可以选几类" error={submit.errorOf('skills')}>
          <Choices options={helpKinds} chosen={skills} onToggle={(kind) => setSkills(toggle(skills, kind))} />
        </Field>
        <TextField
          id="volunteer-tags"
          label="其他特长（可不填）"
          hint={`用空格分开，最多 ${MAX_TAGS} 个，每个不超过 ${MAX_TAG_LENGTH} 个字，例如：理发 手语`}
          maxlength={(MAX_TAG_LENGTH + 1) * MAX_TAGS}
          value={tagLine}
          error={submit.errorOf('tags')}
          onChange={setTagLine}
        />
      </View>
      <View className="card">
        <Field label="我一般有空的时间" hint="可以选几个" error={submit.errorOf('availability')}>
          <Choices
            options={availabilitySlots}
            chosen={availability}
            labelOf={(slot) => slotLabel[slot]}
            onToggle={(slot) => setAvailability(toggle(availability, slot))}
          />
        </Field>
        <Field label="愿意去多远" hint="从我家算起" error={submit.errorOf('rangeM')}>
          <Choices
            options={rangeChoices.map(String)}
            chosen={[String(rangeM)]}
            labelOf={(m) => `${distanceLabel(Number(m))}以内`}
            onToggle={(m) => setRangeM(Number(m) as RangeChoice)}
          />
        </Field>
      </View>
      {submit.errorOf() ? <Text className="field-error">{submit.errorOf()}</Text> : null}
      {saved ? <Text className="page-hint">已保存</Text> : null}
      <BusyButton id="save-volunteer-profile" primary busy={submit.busy} label="保存" onClick={save} />
      <ConsentPrompt moment="volunteerProfile" title="成为星级志愿者时提醒我" purpose="服务时长达到新的星级时，在微信里告诉您。" />
    </View>
  )
}
