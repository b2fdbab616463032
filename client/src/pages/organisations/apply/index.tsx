import { View } from '@tarojs/components'
import { useState } from 'react'
import {
  organisationApplicationSchema,
  type OrganisationApplication,
  type OrganisationSummary,
} from '../../../../../shared/contracts/organisations'
import { DEFAULT_SERVICE_RADIUS_M } from '../../../../../shared/domain/organisation'
import { helpKinds, organisationKinds, type HelpKind, type OrganisationKind } from '../../../../../shared/domain/vocabulary'
import { api } from '../../../api'
import { AsResident } from '../../../components/as-resident'
import { Choices, Field, StepFrame, Stepper, TextAreaField, TextField } from '../../../components/form'
import { OrganisationOutcome } from '../../../components/organisation-card'
import { PageShell } from '../../../components/page-shell'
import { PlaceField, type Place } from '../../../components/place-field'
import { formatDistance, walkingMinutes } from '../../../format'
import { useSteppedForm } from '../../../hooks/use-stepped-form'

interface Draft {
  name: string
  kind: OrganisationKind | null
  helpKinds: HelpKind[]
  /** null: the applicant's home, which the function takes when no centre is sent. */
  centre: Place | null
  radiusM: number
  capacity: number
  contactPhone: string
  charterSummary: string
  description: string
}

const capacityBounds = organisationApplicationSchema.shape.capacity
const radiusChoices = ['500', String(DEFAULT_SERVICE_RADIUS_M), '2000', '3000']

/** Three short screens rather than one long form. */
const steps = [
  { title: '组织是做什么的', fields: ['name', 'kind', 'helpKinds'] },
  { title: '在哪里服务', fields: ['serviceArea.centre', 'serviceArea.radiusM', 'capacity'] },
  { title: '怎么联系、怎么介绍', fields: ['contactPhone', 'charterSummary', 'description'] },
]

const unchosen = { kind: '请选一个组织类别' }

/** `serviceArea.centre.0` and `serviceArea.centre` are the same field on the page. */
function fieldKey(path: readonly string[]): string {
  const [first, second] = path
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

/** Draft keys that the schema nests under `serviceArea`. */
const problemKey: Partial<Record<keyof Draft, string>> = { centre: 'serviceArea.centre', radiusM: 'serviceArea.radiusM' }

export default function ApplyPage() {
  const [submitted, setSubmitted] = useState<OrganisationSummary | null>(null)
  return (
    <PageShell>
      <AsResident why="登记组织要由你所在社区的两委审核。">
        {(person) =>
          submitted ? (
            <OrganisationOutcome
              title="已提交，等待社区两委审核"
              text="审核通过后，你就是这个组织的负责人，可以邀请邻居加入。结果会在“我的组织”里看到。"
              when="社区两委一般在几个工作日内审核。"
              organisation={submitted}
            />
          ) : (
            <ApplicationForm phone={person.phone ?? ''} onSubmitted={setSubmitted} />
          )
        }
      </AsResident>
    </PageShell>
  )
}

function ApplicationForm({ phone, onSubmitted }: { phone: string; onSubmitted(organisation: OrganisationSummary): void }) {
  const form = useSteppedForm({
    initial: {
      name: '',
      kind: null,
      helpKinds: [],
      centre: null,
      radiusM: DEFAULT_SERVICE_RADIUS_M,
      capacity: 3,
      contactPhone: phone,
      charterSummary: '',
      description: '',
    } as Draft,
    steps,
    schema: organisationApplicationSchema,
    toInput,
    unchosen,
    fieldKey,
    problemKey,
  })
  const { draft, change, problems, step } = form

  const submit = () =>
    form.submit(async (input) => {
      const { organisation } = await api.organisations.apply(input)
      onSubmitted(organisation)
    })

  return (
    <StepFrame form={form} submitLabel="提交，等两委审核" onSubmit={submit}>
      {step === 0 && (
        <View>
          <TextField
            id="org-name"
            label="组织名称"
            hint="例如：沁园社区夕阳红助老服务队"
            maxlength={40}
            value={draft.name}
            error={problems.name}
            onChange={(v) => change('name', v)}
          />
          <Field label="组织类别" hint="选一个" error={problems.kind}>
            <Choices options={organisationKinds} chosen={draft.kind ? [draft.kind] : []} onToggle={(kind) => change('kind', kind)} />
          </Field>
          <Field label="能帮哪些忙" hint="可以选几个" error={problems.helpKinds}>
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
          <PlaceField
            label="服务范围的中心"
            shownAs="中心"
            home="以您家为中心"
            weappHint="一般以您家为中心；组织常在别处活动的，可以在地图上另选，比如活动室"
            hint="以您家为中心（没有登记住址的，以社区为中心）"
            place={draft.centre}
            error={problems['serviceArea.centre']}
            onChange={(centre) => change('centre', centre)}
          />
          <Field label="服务多远" hint="默认 1 公里，就是“15 分钟生活圈”" error={problems['serviceArea.radiusM']}>
            <Choices
              options={radiusChoices}
              chosen={[String(draft.radiusM)]}
              labelOf={(metres) => `${formatDistance(Number(metres))}（${walkingMinutes(Number(metres))}）`}
              onToggle={(metres) => change('radiusM', Number(metres))}
            />
          </Field>
          <Field label="同时能接几件求助" hint="忙不过来时，新的求助会先交给别的组织" error={problems.capacity}>
            <Stepper
              value={draft.capacity}
              min={capacityBounds.minValue ?? 1}
              max={capacityBounds.maxValue ?? draft.capacity}
              unit="件"
              onChange={(n) => change('capacity', n)}
            />
          </Field>
        </View>
      )}
      {step === 2 && (
        <View>
          <TextField
            id="org-phone"
            type="number"
            label="联系电话"
            hint="公开给居民，方便找到你们"
            maxlength={13}
            value={draft.contactPhone}
            error={problems.contactPhone}
            onChange={(v) => change('contactPhone', v)}
          />
          <TextAreaField
            id="org-charter"
            label="章程摘要"
            hint="组织的宗旨和规矩，几句话就行"
            maxlength={500}
            value={draft.charterSummary}
            error={problems.charterSummary}
            onChange={(v) => change('charterSummary', v)}
          />
          <TextAreaField
            id="org-description"
            label="给居民的介绍"
            hint="平时做什么、怎么找到你们"
            maxlength={500}
            value={draft.description}
            error={problems.description}
            onChange={(v) => change('description', v)}
          />
        </View>
      )}
    </StepFrame>
  )
}
