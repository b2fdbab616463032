import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { accountContract, type MyData } from '../../../../../../shared/contracts/account'
import { api } from '../../../../api'
import { BusyButton } from '../../../../components/busy-button'
import { HomeAddressFields, TextField } from '../../../../components/form'
import { PageShell } from '../../../../components/page-shell'
import { Loaded } from '../../../../components/status'
import { useLoad } from '../../../../hooks/use-load'
import { useSubmit } from '../../../../hooks/use-submit'
import { useMe } from '../../../../state/me'

const fields = ['name', 'phone', 'neighbourhood', 'addressDetail'] as const
type Draft = Record<(typeof fields)[number], string>

/** 修改: name, phone and address, checked by the same rules as when joining, before and after sending. */
export default function EditMyDataPage() {
  const load = useLoad(() => api.account.myData())
  return (
    <PageShell>
      <Loaded load={load}>{(data) => <EditForm person={data.person} />}</Loaded>
    </PageShell>
  )
}

function EditForm({ person }: { person: MyData['person'] }) {
  const me = useMe()
  const stored: Draft = {
    name: person.name,
    phone: person.phone ?? '',
    neighbourhood: person.neighbourhood ?? '',
    addressDetail: person.addressDetail ?? '',
  }
  const [draft, setDraft] = useState<Draft>(stored)
  const [problems, setProblems] = useState<Partial<Draft>>({})
  const submit = useSubmit(draft)
  const change = (field: keyof Draft) => (value: string) => setDraft({ ...draft, [field]: value })

  const save = async () => {
    // Only what changed is sent: an untouched field stays as stored.
    const changed = Object.fromEntries(fields.filter((f) => draft[f].trim() !== stored[f]).map((f) => [f, draft[f].trim()]))
    const parsed = accountContract.actions.correct.input.safeParse(changed)
    if (!parsed.success) {
      const found: Partial<Draft> = {}
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]) as keyof Draft
        found[field] ??= issue.message
      }
      setProblems(found)
      return
    }
    setProblems({})
    const saved = await submit.run(() => api.account.correct(parsed.data))
    if (saved) {
      me.reload()
      void Taro.showToast({ title: '已保存', icon: 'success' })
      void Taro.navigateBack()
    }
  }

  const errorOf = (field: keyof Draft) => problems[field] ?? submit.errorOf(field)
  return (
    <View className="card">
      <TextField id="name" label="姓名" large value={draft.name} maxlength={20} error={errorOf('name')} onChange={change('name')} />
      <TextField
        id="phone"
        label="电话"
        hint="手机号，或带区号的座机"
        large
        value={draft.phone}
        maxlength={13}
        error={errorOf('phone')}
        onChange={change('phone')}
      />
      <HomeAddressFields
        idPrefix="me"
        large
        neighbourhood={draft.neighbourhood}
        addressDetail={draft.addressDetail}
        errors={{ neighbourhood: errorOf('neighbourhood'), addressDetail: errorOf('addressDetail') }}
        neighbourhoodHint="别人只能看到这一项"
        onNeighbourhood={change('neighbourhood')}
        onAddressDetail={change('addressDetail')}
      />
      <Text className="card-text">已经发起的求助仍用当时留的电话和地址；如需更改，请联系接单的组织。</Text>
      {submit.errorOf() ? <Text className="field-error">{submit.errorOf()}</Text> : null}
      <BusyButton id="save" primary busy={submit.busy} label="保存" onClick={() => void save()} />
    </View>
  )
}
