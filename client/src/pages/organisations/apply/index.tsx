import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import {
  organisationApplicationSchema,
  type OrganisationApplication,
  type OrganisationSummary,
} from '../../../../../shared/contracts/organisations'
import { DEFAULT_SERVICE_RADIUS_M } from '../../../../../shared/domain/organisation'
import { helpKinds, organisationKinds, type HelpKind, type OrganisationKind } from '../../../../../shared/domain/vocabulary'
import { api, fieldOf, messageOf } from '../../../api'
import { BusyButton } from '../../../components/busy-button'
import { Choices, Field, Stepper, TextAreaField, TextField } from '../../../components/form'
import { OrganisationOutcome } from '../../../components/organisation-card'
import { PageShell } from '../../../components/page-shell'
import { Empty, LoadError, Loading } from '../../../components/status'
import { formatDistance, walkingMinutes } from '../../../format'
import { useMe } from '../../../state/me'

interface Draft {
  name: string
  kind: OrganisationKind | null
  helpKinds: HelpKind[]
  /** null: the applicant's home, which the function takes when no centre is sent. */
  centre: { lngLat: [number, number]; label: string } | null
  radiusM: number
  capacity: number
  contactPhone: string
  charterSummary: string
  description: string
}

type Problems = Partial<Record<string, string>>

const capacityBounds = organisationApplicationSchema.shape.capacity
const radiusChoices = ['500', String(DEFAULT_SERVICE_RADIUS_M), '2000', '3000']

/** Three short screens, each with one 下一步, rather than one long form. */
const steps = [
  { title: '组织是做什么的', fields: ['name', 'kind', 'helpKinds'] },
  { title: '在哪里服务', fields: ['serviceArea.centre', 'serviceArea.radiusM', 'capacity'] },
  { title: '怎么联系、怎么介绍', fields: ['contactPhone', 'charterSummary', 'description'] },
]

/** Choices the person has not made yet: the schema's own words for these are not for residents. */
const unchosen: Problems = { kind: '请选一个组织类别' }

/** `serviceArea.centre.0` and `serviceArea.centre` are the same field on the page. */
function fieldKey(path: readonly PropertyKey[]): string {
  const [first, second] = path.map(String)
  return first === 'serviceArea' && second ? `${first}.${second}` : first
}

function toInput(draft: Draft): Partial<OrganisationApplication> {
  return {
    name: draft.name,
    kind: draft.kind ?? undefined,
    helpKinds: draft.helpKinds,
    serviceArea: { ...(draft.centre ? { centre: draft.centre.lngLat } : {}), radiusM: draft.radiusM },
    capacity: draft.capacity,
    contactPhone: draft.contactPhone.trim(),
    charterSummary: draft.charterSummary,
    description: draft.description,
  }
}

/** The same schema the function checks, so a mistake shows beside its field before sending. */
function check(draft: Draft): { input: OrganisationApplication | null; problems: Problems } {
  const parsed = organisationApplicationSchema.safeParse(toInput(draft))
  if (parsed.success) return { input: parsed.data, problems: {} }
  const problems: Problems = {}
  for (const issue of parsed.error.issues) {
    const key = fieldKey(issue.path)
    problems[key] ??= unchosen[key] ?? issue.message
  }
  return { input: null, problems }
}

/** Draft keys that the schema nests under `serviceArea`. */
const problemKey: Partial<Record<keyof Draft, string>> = { centre: 'serviceArea.centre', radiusM: 'serviceArea.radiusM' }

const stepOf = (key: string) => Math.max(0, steps.findIndex((step) => step.fields.includes(key)))

export default function ApplyPage() {
  const me = useMe()
  const [submitted, setSubmitted] = useState<OrganisationSummary | null>(null)
  return (
    <PageShell>
      {me.status === 'loading' && <Loading />}
      {me.status === 'error' && <LoadError message={me.message} onRetry={me.reload} />}
      {me.status === 'ready' &&
        (!me.person?.community ? (
          <Empty title='请先加入社区'>登记组织要由你所在社区的两委审核。</Empty>
        ) : submitted ? (
          <OrganisationOutcome
            title='已提交，等待社区两委审核'
            text='审核通过后，你就是这个组织的负责人，可以邀请邻居加入。结果会在“我的组织”里看到。'
            organisation={submitted}
          />
        ) : (
          <ApplicationForm phone={me.person.phone ?? ''} onSubmitted={setSubmitted} />
        ))}
    </PageShell>
  )
}

function ApplicationForm({ phone, onSubmitted }: { phone: string; onSubmitted(organisation: OrganisationSummary): void }) {
  const [draft, setDraft] = useState<Draft>({
    name: '',
    kind: null,
    helpKinds: [],
    centre: null,
    radiusM: DEFAULT_SERVICE_RADIUS_M,
    capacity: 3,
    contactPhone: phone,
    charterSummary: '',
    description: '',
  })
  const [step, setStep] = useState(0)
  const [problems, setProblems] = useState<Problems>({})
  const [failure, setFailure] = useState('')
  const [sending, setSending] = useState(false)

  const change = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((previous) => ({ ...previous, [key]: value }))
    setProblems((previous) => ({ ...previous, [problemKey[key] ?? key]: undefined }))
  }

  const next = () => {
    const { problems: found } = check(draft)
    const here = Object.fromEntries(steps[step].fields.filter((f) => found[f]).map((f) => [f, found[f]]))
    setProblems(here)
    if (Object.keys(here).length === 0) setStep(step + 1)
  }

  const submit = async () => {
    const { input, problems: found } = check(draft)
    if (!input) {
      setProblems(found)
      setStep(stepOf(Object.keys(found)[0]))
      return
    }
    setSending(true)
    setFailure('')
    try {
      const { organisation } = await api.organisations.apply(input)
      onSubmitted(organisation)
    } catch (error) {
      const field = fieldOf(error)
      if (field) {
        const key = fieldKey(field.split('.'))
        setProblems({ [key]: messageOf(error) })
        setStep(stepOf(key))
      } else {
        setFailure(messageOf(error))
      }
    } finally {
      setSending(false)
    }
  }

  const last = step === steps.length - 1
  return (
    <View>
      <Text className='steps'>
        第 {step + 1} 步，共 {steps.length} 步
      </Text>
      <Text className='greeting'>{steps[step].title}</Text>
      <View className='card'>
        {step === 0 && (
          <View>
            <TextField id='org-name' label='组织名称' hint='例如：沁园社区夕阳红助老服务队' maxlength={40} value={draft.name} error={problems.name} onChange={(v) => change('name', v)} />
            <Field label='组织类别' hint='选一个' error={problems.kind}>
              <Choices options={organisationKinds} chosen={draft.kind ? [draft.kind] : []} onToggle={(kind) => change('kind', kind)} />
            </Field>
            <Field label='能帮哪些忙' hint='可以选几个' error={problems.helpKinds}>
              <Choices
                options={helpKinds}
                chosen={draft.helpKinds}
                onToggle={(kind) =>
                  change('helpKinds', draft.helpKinds.includes(kind) ? draft.helpKinds.filter((k) => k !== kind) : [...draft.helpKinds, kind])
                }
              />
            </Field>
          </View>
        )}
        {step === 1 && (
          <View>
            <CentreField centre={draft.centre} error={problems['serviceArea.centre']} onChange={(centre) => change('centre', centre)} />
            <Field label='服务多远' hint='默认 1 公里，就是“15 分钟生活圈”' error={problems['serviceArea.radiusM']}>
              <Choices
                options={radiusChoices}
                chosen={[String(draft.radiusM)]}
                labelOf={(metres) => `${formatDistance(Number(metres))}（${walkingMinutes(Number(metres))}）`}
                onToggle={(metres) => change('radiusM', Number(metres))}
              />
            </Field>
            <Field label='同时能接几件求助' hint='忙不过来时，新的求助会先交给别的组织' error={problems.capacity}>
              <Stepper
                value={draft.capacity}
                min={capacityBounds.minValue ?? 1}
                max={capacityBounds.maxValue ?? draft.capacity}
                unit='件'
                onChange={(n) => change('capacity', n)}
              />
            </Field>
          </View>
        )}
        {step === 2 && (
          <View>
            <TextField id='org-phone' type='number' label='联系电话' hint='公开给居民，方便找到你们' maxlength={13} value={draft.contactPhone} error={problems.contactPhone} onChange={(v) => change('contactPhone', v)} />
            <TextAreaField id='org-charter' label='章程摘要' hint='组织的宗旨和规矩，几句话就行' maxlength={500} value={draft.charterSummary} error={problems.charterSummary} onChange={(v) => change('charterSummary', v)} />
            <TextAreaField id='org-description' label='给居民的介绍' hint='平时做什么、怎么找到你们' maxlength={500} value={draft.description} error={problems.description} onChange={(v) => change('description', v)} />
          </View>
        )}
      </View>
      {failure ? <Text className='field-error'>{failure}</Text> : null}
      <BusyButton primary busy={sending} label={last ? '提交，等两委审核' : '下一步'} onClick={last ? submit : next} />
      {step > 0 && (
        <Button className='btn btn-plain btn-block' onClick={() => setStep(step - 1)}>
          上一步
        </Button>
      )}
    </View>
  )
}

type Centre = NonNullable<Draft['centre']>

/**
 * The centre is the applicant's home unless they choose another place. On the phone they may pick
 * one on WeChat's map (GCJ-02, as stored: docs/decisions/006). The browser demo has no map picker,
 * and asking the browser where it is would put a permission prompt before an elderly person at a
 * desktop, so there it stays at home.
 */
function CentreField({ centre, error, onChange }: { centre: Centre | null; error?: string; onChange(centre: Centre | null): void }) {
  const [failure, setFailure] = useState('')

  const pick = async () => {
    setFailure('')
    try {
      const place = await Taro.chooseLocation({})
      onChange({ lngLat: [place.longitude, place.latitude], label: place.name || place.address })
    } catch (cause) {
      // Closing the map without choosing keeps the centre as it was; that is no failure.
      if (!String((cause as { errMsg?: unknown }).errMsg).includes('cancel')) setFailure('没有选上地点，请再试一次')
    }
  }

  return (
    <Field
      label='服务范围的中心'
      hint={process.env.TARO_ENV === 'weapp' ? '一般以您家为中心；组织常在别处活动的，可以在地图上另选，比如活动室' : '以您家为中心（没有登记住址的，以社区为中心）'}
      error={error ?? (failure || undefined)}
    >
      <Text className='note'>中心：{centre ? centre.label : '以您家为中心'}</Text>
      {process.env.TARO_ENV === 'weapp' && (
        <View>
          <Button className='btn btn-plain btn-block' onClick={pick}>
            在地图上另选
          </Button>
          {centre && (
            <Button className='btn btn-plain btn-block' onClick={() => onChange(null)}>
              改回以您家为中心
            </Button>
          )}
        </View>
      )}
    </Field>
  )
}
