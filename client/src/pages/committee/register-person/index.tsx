import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { RegisteredPersonView } from '../../../../../shared/contracts/residents'
import {
  proxyConsentMethodLabel,
  proxyConsentMethodSchema,
  tellByLabel,
  tellBySchema,
  type ProxyConsentMethod,
  type TellBy,
} from '../../../../../shared/domain/residents'
import { api } from '../../../api'
import { BusyButton } from '../../../components/busy-button'
import { Choices, Field, HomeAddressFields, TextField } from '../../../components/form'
import { PageShell } from '../../../components/page-shell'
import { useSubmit } from '../../../hooks/use-submit'
import { go, paths, usePageParams } from '../../../routes'

/** 代登记: a resident without a smartphone, with how they agreed, who witnessed it, and how to tell them. */
export default function RegisterPersonPage() {
  const { communityId = '' } = usePageParams()
  const [name, setName] = useState('')
  const [phone, setPhone] = useState('')
  const [neighbourhood, setNeighbourhood] = useState('')
  const [addressDetail, setAddressDetail] = useState('')
  const [method, setMethod] = useState<ProxyConsentMethod>('verbal')
  const [witnessName, setWitnessName] = useState('')
  const [tellBy, setTellBy] = useState<TellBy>('phone')
  const [registered, setRegistered] = useState<RegisteredPersonView | null>(null)
  const submit = useSubmit({ name, phone, neighbourhood, addressDetail, consent: [method, witnessName], tellBy })

  const register = () =>
    void submit.run(async () => {
      const { person } = await api.residents.registerPerson({
        communityId,
        name,
        phone,
        neighbourhood,
        addressDetail,
        // Consent is recorded as given now, in front of the witness.
        consent: { method, witnessName, at: new Date().toISOString() },
        tellBy,
      })
      setRegistered(person)
    })

  if (registered) {
    return (
      <PageShell>
        <View className="status" id="registered">
          <Text className="status-title">已登记 {registered.name}</Text>
          <Text className="status-text">
            {registered.consent.methodLabel}，见证人 {registered.consent.witnessName}
          </Text>
        </View>
        <BusyButton primary busy={false} label={`替${registered.name}求助`} onClick={() => go(paths.actFor(registered.personId))} />
      </PageShell>
    )
  }
  return (
    <PageShell>
      <View className="card">
        <TextField id="register-name" label="姓名" maxlength={20} value={name} error={submit.errorOf('name')} onChange={setName} />
        <TextField
          id="register-phone"
          label="手机号"
          hint="本人以后用微信认领账号时要用"
          maxlength={13}
          value={phone}
          error={submit.errorOf('phone')}
          onChange={setPhone}
        />
        <HomeAddressFields
          idPrefix="register"
          neighbourhood={neighbourhood}
          addressDetail={addressDetail}
          errors={{ neighbourhood: submit.errorOf('neighbourhood'), addressDetail: submit.errorOf('addressDetail') }}
          onNeighbourhood={setNeighbourhood}
          onAddressDetail={setAddressDetail}
        />
        <Field label="本人怎样同意登记" error={submit.errorOf('consent')}>
          <Choices<ProxyConsentMethod>
            wide
            options={proxyConsentMethodSchema.options}
            chosen={[method]}
            onToggle={setMethod}
            labelOf={(m) => proxyConsentMethodLabel[m]}
          />
        </Field>
        <TextField id="register-witness" label="见证人姓名" maxlength={20} value={witnessName} onChange={setWitnessName} />
        <Field label="有进展时怎样告诉本人">
          <Choices<TellBy> wide options={tellBySchema.options} chosen={[tellBy]} onToggle={setTellBy} labelOf={(t) => tellByLabel[t]} />
        </Field>
        {submit.errorOf() ? <Text className="field-error">{submit.errorOf()}</Text> : null}
        <BusyButton id="register-person" primary busy={submit.busy} label="登记" onClick={register} />
      </View>
    </PageShell>
  )
}
