import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { careContract } from '../../../../../shared/contracts/care'
import {
  consentGiverLabel,
  consentGiverSchema,
  consentMethodLabel,
  consentMethodSchema,
  type ConsentGiver,
  type ConsentMethod,
} from '../../../../../shared/domain/care'
import { api } from '../../../api'
import {
  careFieldKey,
  daysAgo,
  PersonStep,
  personInput,
  personProblemKey,
  personSteps,
  RecentDayField,
  type PersonDraft,
} from '../../../components/care'
import { Choices, Field, StepFrame, TextField } from '../../../components/form'
import { PageShell } from '../../../components/page-shell'
import { ResidentFinder } from '../../../components/resident-finder'
import { useSteppedForm } from '../../../hooks/use-stepped-form'
import { paths, usePageParams } from '../../../routes'

interface Draft extends PersonDraft {
  /** A resident of the mini-program this person is, when the committee linked one. */
  resident: { personId: string; name: string } | null
  consentGiver: ConsentGiver | null
  consentName: string
  consentMethod: ConsentMethod | null
  /** When consent was given, in days before today. */
  consentDays: number
}

const steps = [...personSteps, { title: '本人同意', fields: ['consent.giver', 'consent.giverName', 'consent.method', 'consent.at'] }]

const initial: Draft = {
  resident: null,
  name: '',
  phone: '',
  neighbourhood: '',
  addressDetail: '',
  place: null,
  groups: [],
  careNeeds: '',
  contactName: '',
  contactRelation: '',
  contactPhone: '',
  frequency: 'monthly',
  consentGiver: null,
  consentName: '',
  consentMethod: null,
  consentDays: 0,
}

/**
 * 登记关爱对象 in four screens; the last is the person's separate consent (PIPL 单独同意), with what
 * it is for in plain words, because it is read out to them or their guardian before they agree.
 */
export default function CareAddPage() {
  const { communityId = '' } = usePageParams()
  const form = useSteppedForm({
    initial,
    steps,
    schema: careContract.actions.register.input,
    toInput: (draft: Draft) => ({
      communityId,
      residentId: draft.resident?.personId,
      name: draft.name,
      ...personInput(draft),
      consent: {
        giver: draft.consentGiver ?? undefined,
        giverName: draft.consentName,
        method: draft.consentMethod ?? undefined,
        at: daysAgo(draft.consentDays),
      },
    }),
    unchosen: { 'consent.giver': '请选是谁同意的', 'consent.method': '请选怎么同意的' },
    fieldKey: careFieldKey,
    problemKey: {
      ...personProblemKey,
      resident: 'residentId',
      consentGiver: 'consent.giver',
      consentName: 'consent.giverName',
      consentMethod: 'consent.method',
      consentDays: 'consent.at',
    },
  })
  const { draft, change, problems, step } = form

  const register = () =>
    form.submit(async (input) => {
      const { entry } = await api.care.register(input)
      void Taro.redirectTo({ url: paths.carePerson(entry.entryId) })
    })

  const chooseGiver = (giver: ConsentGiver) => {
    change('consentGiver', giver)
    // The person themself: their name is the giver's, unless the committee typed another.
    if (giver === 'self' && !draft.consentName) change('consentName', draft.name)
  }

  const finder = draft.resident ? (
    <Field label="小程序里的居民" error={problems.residentId}>
      <Text className="note">已关联：{draft.resident.name}</Text>
      <Button className="btn btn-plain btn-block" onClick={() => change('resident', null)}>
        取消关联
      </Button>
    </Field>
  ) : (
    <Field label="本人也用邻里守望吗？" hint="可不找；找到后，本人的求助和探访能连在一起" error={problems.residentId}>
      <ResidentFinder id="care-resident" communityId={communityId} label="按姓名找本社区居民">
        {(resident, reset) => (
          <Button
            className="btn btn-plain"
            onClick={() => {
              change('resident', { personId: resident.personId, name: resident.name })
              change('name', resident.name)
              if (resident.neighbourhood) change('neighbourhood', resident.neighbourhood)
              reset()
            }}
          >
            就是这位
          </Button>
        )}
      </ResidentFinder>
    </Field>
  )

  return (
    <PageShell>
      <StepFrame form={form} submitLabel="登记" onSubmit={register}>
        {step < personSteps.length ? (
          <PersonStep step={step} draft={draft} problems={problems} change={change} name="field" finder={finder} />
        ) : (
          <View>
            <View id="consent-explained" className="consent">
              <Text className="consent-title">请先向本人（或监护人）说明，再问是否同意：</Text>
              <Text className="consent-text">· 社区会记下本人的姓名、住址、电话、属于哪类、需要什么关照和紧急联系人。</Text>
              <Text className="consent-text">· 这些只用来定期上门或打电话看望本人，有困难时替本人求助。</Text>
              <Text className="consent-text">
                · 全部信息只有社区两委能看；结对的志愿者只看到探访要用的：姓名、住址、电话、需要什么和紧急联系人。
              </Text>
              <Text className="consent-text">· 本人随时可以说不同意了。撤回后就不再登记在册，也不再探访。</Text>
            </View>
            <Field label="是谁同意的" error={problems['consent.giver']}>
              <Choices
                options={consentGiverSchema.options}
                chosen={draft.consentGiver ? [draft.consentGiver] : []}
                labelOf={(g) => consentGiverLabel[g]}
                onToggle={chooseGiver}
              />
            </Field>
            <TextField
              id="consent-name"
              label="同意人的姓名"
              maxlength={20}
              value={draft.consentName}
              error={problems['consent.giverName']}
              onChange={(v) => change('consentName', v)}
            />
            <Field label="怎么同意的" error={problems['consent.method']}>
              <Choices
                wide
                options={consentMethodSchema.options}
                chosen={draft.consentMethod ? [draft.consentMethod] : []}
                labelOf={(m) => consentMethodLabel[m]}
                onToggle={(m) => change('consentMethod', m)}
              />
            </Field>
            <RecentDayField
              label="哪天同意的"
              days={draft.consentDays}
              error={problems['consent.at']}
              onChange={(days) => change('consentDays', days)}
            />
          </View>
        )}
      </StepFrame>
    </PageShell>
  )
}
