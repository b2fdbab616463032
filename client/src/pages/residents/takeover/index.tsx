import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { api } from '../../../api'
import { BusyButton } from '../../../components/busy-button'
import { TextField } from '../../../components/form'
import { PageShell } from '../../../components/page-shell'
import { Loaded } from '../../../components/status'
import { useLoad } from '../../../hooks/use-load'
import { useSubmit } from '../../../hooks/use-submit'

const said = {
  asked: '已提交。社区两委会打电话和你核对，确认后这个微信就是你的账号了。',
  confirmed: '社区两委已经确认，你的账号已经可以用了。',
  declined: '社区两委没有确认这个申请，有疑问请打社区电话。',
} as const

/** 认领账号: someone the committee registered opens the app with their own WeChat; the committee confirms it is them. */
export default function TakeoverPage() {
  const load = useLoad(() => api.residents.myTakeover())
  const [name, setName] = useState('')
  const [phone, setPhone] = useState('')
  const submit = useSubmit({ name, phone })
  const ask = () => void submit.run(() => api.residents.askTakeover({ name, phone })).then((done) => done && load.reload())
  return (
    <PageShell>
      <Loaded load={load}>
        {({ status }) =>
          status ? (
            <View className="status" id="takeover-status">
              <Text className="status-text">{said[status]}</Text>
            </View>
          ) : (
            <View className="card">
              <Text className="card-text">如果社区两委已经替你登记过，填上登记时的姓名和手机号，两委核对后就能用这个微信。</Text>
              <TextField id="takeover-name" label="姓名" maxlength={20} value={name} error={submit.errorOf('name')} onChange={setName} />
              <TextField
                id="takeover-phone"
                label="手机号"
                maxlength={13}
                value={phone}
                error={submit.errorOf('phone')}
                onChange={setPhone}
              />
              {submit.errorOf() ? <Text className="field-error">{submit.errorOf()}</Text> : null}
              <BusyButton id="ask-takeover" primary busy={submit.busy} label="申请认领" onClick={ask} />
            </View>
          )
        }
      </Loaded>
    </PageShell>
  )
}
