import Taro from '@tarojs/taro'
import type { RegisterEntry } from '../../../../../shared/contracts/care'
import { careContract } from '../../../../../shared/contracts/care'
import { api } from '../../../api'
import { careFieldKey, PersonStep, personInput, personProblemKey, personSteps, type PersonDraft } from '../../../components/care'
import { StepFrame } from '../../../components/form'
import { PageShell } from '../../../components/page-shell'
import { Loaded } from '../../../components/status'
import { useLoad } from '../../../hooks/use-load'
import { useSteppedForm } from '../../../hooks/use-stepped-form'
import { usePageParams } from '../../../routes'

/** 修改关爱对象: the same screens as 登记, filled in; the name and the consent stay as recorded. */
export default function CareEditPage() {
  const { id = '' } = usePageParams()
  const load = useLoad(() => api.care.entry({ entryId: id }))
  return (
    <PageShell>
      <Loaded load={load}>{({ entry }) => <EditForm entry={entry} />}</Loaded>
    </PageShell>
  )
}

function draftOf(entry: RegisterEntry): PersonDraft {
  return {
    name: entry.name,
    phone: entry.phone ?? '',
    neighbourhood: entry.neighbourhood,
    addressDetail: entry.addressDetail,
    // None: the place stays where it is unless one is picked on the map.
    place: null,
    groups: entry.groups,
    careNeeds: entry.careNeeds,
    contactName: entry.emergencyContact.name,
    contactRelation: entry.emergencyContact.relation,
    contactPhone: entry.emergencyContact.phone,
    frequency: entry.frequency,
  }
}

function EditForm({ entry }: { entry: RegisterEntry }) {
  const form = useSteppedForm({
    initial: draftOf(entry),
    steps: personSteps,
    schema: careContract.actions.update.input,
    toInput: (draft: PersonDraft) => ({ entryId: entry.entryId, ...personInput(draft) }),
    fieldKey: careFieldKey,
    problemKey: personProblemKey,
  })
  const save = () =>
    form.submit(async (input) => {
      await api.care.update(input)
      void Taro.navigateBack()
    })
  return (
    <StepFrame form={form} submitLabel="保存" onSubmit={save}>
      <PersonStep step={form.step} draft={form.draft} problems={form.problems} change={form.change} name="fixed" />
    </StepFrame>
  )
}
