import { Button, Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { FamilyLinkView } from '../../../../../shared/contracts/residents'
import { familyRelationLabel, familyRelationSchema, type FamilyRelation, type FamilySide } from '../../../../../shared/domain/residents'
import { api } from '../../../api'
import { BusyButton } from '../../../components/busy-button'
import { ConfirmAction } from '../../../components/confirm-action'
import { ConsentPrompt } from '../../../components/consent'
import { Choices, Field, TextField } from '../../../components/form'
import { SectionHeader } from '../../../components/list'
import { PageShell } from '../../../components/page-shell'
import { Empty, Loaded } from '../../../components/status'
import { formatDateTime } from '../../../format'
import { useLoad } from '../../../hooks/use-load'
import { useSubmit } from '../../../hooks/use-submit'
import { go, paths } from '../../../routes'

const sideLabel: Record<FamilySide, string> = { elder: '我是长辈，请亲友帮我', relative: '我是亲友，帮家里长辈' }

/** 我的亲友: links, the one to confirm, the elder's switch, unlinking; a new code, or typing one. */
export default function FamilyPage() {
  const load = useLoad(() => api.residents.family())
  return (
    <PageShell>
      <Loaded load={load}>
        {({ links }) => (
          <View>
            {links.length === 0 ? (
              <Empty title="还没有关联亲友">关联后，亲友可以替你求助、查看你的求助进展。</Empty>
            ) : (
              links.map((link) => <LinkCard key={link.linkId} link={link} onChanged={load.reload} />)
            )}
            {links.some(waitingForThem) && (
              <ConsentPrompt
                moment="family"
                title="对方有动静时提醒我"
                purpose="有人输入了您的邀请码、对方确认或拒绝关联时，在微信里提醒您。"
              />
            )}
          </View>
        )}
      </Loaded>
      <EnterCode onEntered={load.reload} />
      <Invite onInvited={load.reload} />
    </PageShell>
  )
}

/** A code not yet typed, or a request the other side has still to answer: something will come to tell. */
const waitingForThem = (link: FamilyLinkView) => link.status === 'invited' || (link.status === 'asked' && !link.waitingForMe)

function LinkCard({ link, onChanged }: { link: FamilyLinkView; onChanged(): void }) {
  const submit = useSubmit()
  const act = (action: () => Promise<unknown>) => void submit.run(action).then((done) => done && onChanged())
  const who = link.otherName ?? '对方'
  return (
    <View className="card family-link">
      <Text className="card-label">
        {link.mySide === 'elder' ? '帮我的亲友' : '我帮的长辈'} · {link.relationLabel}
      </Text>
      <Text className="card-title">{link.status === 'invited' ? `邀请码 ${link.code ?? ''}` : who}</Text>
      <Text className="card-text">{link.statusLabel}</Text>
      {link.status === 'invited' && link.codeExpiresAt ? (
        <Text className="card-text">把邀请码告诉对方，{formatDateTime(link.codeExpiresAt)} 前有效</Text>
      ) : null}
      {link.waitingForMe && (
        <View>
          <Text className="card-text">{who} 输入了你的邀请码。是你认识的亲友吗？</Text>
          <BusyButton
            id="family-accept"
            primary
            busy={submit.busy}
            label="是，确认关联"
            onClick={() => act(() => api.residents.answerFamily({ linkId: link.linkId, accept: true }))}
          />
          <Button
            className="btn btn-plain btn-block"
            onClick={() => act(() => api.residents.answerFamily({ linkId: link.linkId, accept: false }))}
          >
            不是，拒绝
          </Button>
        </View>
      )}
      {link.status === 'linked' && link.mySide === 'elder' && (
        <Button
          id="family-share"
          className="toggle"
          onClick={() => act(() => api.residents.shareUpdates({ linkId: link.linkId, share: !link.shareUpdates }))}
        >
          <View className="toggle-text">
            <Text className="toggle-title">让{who}收到我的求助进展</Text>
          </View>
          <Text className={link.shareUpdates ? 'toggle-state toggle-state-on' : 'toggle-state'}>
            {link.shareUpdates ? '已开启' : '已关闭'}
          </Text>
        </Button>
      )}
      {link.status === 'linked' && link.mySide === 'relative' && (
        <Button className="btn btn-primary btn-block" onClick={() => go(paths.elderNeeds(link.linkId))}>
          {who}的求助 / 替{who}求助
        </Button>
      )}
      {submit.errorOf() ? <Text className="field-error">{submit.errorOf()}</Text> : null}
      <ConfirmAction
        label={link.status === 'invited' ? '作废邀请码' : '解除关联'}
        question={link.status === 'invited' ? '确定作废这个邀请码吗？' : `确定和${who}解除关联吗？`}
        onConfirm={async () => {
          await api.residents.unlinkFamily({ linkId: link.linkId })
          onChanged()
        }}
      />
    </View>
  )
}

function EnterCode({ onEntered }: { onEntered(): void }) {
  const [code, setCode] = useState('')
  const submit = useSubmit({ code })
  const enter = () => void submit.run(() => api.residents.enterFamilyCode({ code })).then((done) => done && (setCode(''), onEntered()))
  return (
    <View className="card">
      <SectionHeader title="输入亲友给的邀请码" hint="对方确认后才会关联" />
      <TextField
        id="family-code"
        type="number"
        large
        label="6 位数字"
        maxlength={6}
        value={code}
        error={submit.errorOf('code')}
        onChange={setCode}
      />
      {submit.errorOf() ? <Text className="field-error">{submit.errorOf()}</Text> : null}
      <BusyButton id="enter-family-code" busy={submit.busy} label="提交邀请码" onClick={enter} />
    </View>
  )
}

function Invite({ onInvited }: { onInvited(): void }) {
  const [side, setSide] = useState<FamilySide>('elder')
  const [relation, setRelation] = useState<FamilyRelation>('child')
  const submit = useSubmit()
  const invite = () => void submit.run(() => api.residents.inviteFamily({ side, relation })).then((done) => done && onInvited())
  return (
    <View className="card">
      <SectionHeader title="生成邀请码给亲友" hint="对方输入后，由你确认" />
      <Field label="我是">
        <Choices<FamilySide>
          wide
          options={['elder', 'relative'] as const}
          chosen={[side]}
          onToggle={setSide}
          labelOf={(s) => sideLabel[s]}
        />
      </Field>
      <Field label={side === 'elder' ? '对方是我的' : '我是对方的'}>
        <Choices<FamilyRelation>
          options={familyRelationSchema.options}
          chosen={[relation]}
          onToggle={setRelation}
          labelOf={(r) => familyRelationLabel[r]}
        />
      </Field>
      {submit.errorOf() ? <Text className="field-error">{submit.errorOf()}</Text> : null}
      <BusyButton id="invite-family" primary busy={submit.busy} label="生成邀请码" onClick={invite} />
    </View>
  )
}
