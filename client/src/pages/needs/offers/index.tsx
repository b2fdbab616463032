import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { OfferView } from '../../../../../shared/contracts/needs'
import { api, messageOf } from '../../../api'
import { BusyButton } from '../../../components/busy-button'
import { ConfirmAction } from '../../../components/confirm-action'
import { ConsentPrompt } from '../../../components/consent'
import { SectionHeader } from '../../../components/list'
import { NeedCard } from '../../../components/need'
import { PageShell } from '../../../components/page-shell'
import { Empty, Loaded } from '../../../components/status'
import { formatTimeLeft } from '../../../format'
import { useLoad } from '../../../hooks/use-load'
import { useNow } from '../../../hooks/use-now'
import { go, paths } from '../../../routes'

/** A countdown in minutes needs no faster tick. */
const TICK_MS = 15_000

/**
 * 派单和任务: for every organisation the person leads, the needs offered to it (answer before the
 * deadline; only kind, urgency, 小区 and distance until accepted) and the tasks it carries out; for
 * every organisation they volunteer with, the tasks they are assigned to.
 */
export default function OffersPage() {
  const load = useLoad(async () => {
    const { organisations } = await api.organisations.mine()
    const serving = organisations.filter(
      (o) => (o.myRole === 'organisation_lead' || o.myRole === 'volunteer') && o.organisation.status === 'approved',
    )
    // A volunteer who leads nothing has tasks only, and the page is called what 首页 and 我的 call it.
    if (!serving.some((o) => o.myRole === 'organisation_lead'))
      void Taro.setNavigationBarTitle({ title: '我的任务' }).catch(() => undefined)
    return Promise.all(
      serving.map(async ({ organisation, myRole }) => {
        const leads = myRole === 'organisation_lead'
        const [{ offers }, { tasks }] = await Promise.all([
          leads ? api.needs.offers({ organisationId: organisation.id }) : { offers: null },
          api.needs.tasks({ organisationId: organisation.id }),
        ])
        return { organisation, offers, tasks }
      }),
    )
  })
  // Why an answer did not go through (已被其他组织接单): kept while the list reloads without it.
  const [notice, setNotice] = useState('')
  const now = useNow(TICK_MS)

  return (
    <PageShell>
      {notice ? (
        <Text id="offers-notice" className="note">
          {notice}
        </Text>
      ) : null}
      <Loaded load={load}>
        {(inbox) =>
          inbox.length === 0 ? (
            <Empty title="你还没有参加的组织">组织经社区两委审核通过后，派给组织的求助和安排给你的任务会出现在这里。</Empty>
          ) : (
            <View>
              {inbox.map(({ organisation, offers, tasks }) => (
                <View key={organisation.id}>
                  {inbox.length > 1 && <Text className="greeting">{organisation.name}</Text>}
                  {offers && <SectionHeader title={`派单（${offers.length}）`} hint="请在期限内答复；接单后才能看到求助人和地址" />}
                  {offers?.length === 0 ? (
                    <Empty title="现在没有派单" />
                  ) : (
                    offers?.map((offer) => (
                      <Offer
                        key={offer.offerId}
                        offer={offer}
                        organisationId={organisation.id}
                        now={now}
                        onAccepted={() => go(paths.task(organisation.id, offer.need.id))}
                        onGone={(message) => {
                          setNotice(message)
                          load.reload()
                        }}
                      />
                    ))
                  )}
                  <SectionHeader title={offers ? `正在做的（${tasks.length}）` : `安排给我的（${tasks.length}）`} />
                  {tasks.length === 0 ? (
                    <Empty title={offers ? '没有正在做的任务' : '负责人还没有安排你的任务'} />
                  ) : (
                    tasks.map((need) => <NeedCard key={need.id} need={need} onClick={() => go(paths.task(organisation.id, need.id))} />)
                  )}
                </View>
              ))}
              {inbox.some((o) => o.offers) ? (
                <ConsentPrompt
                  moment="offers"
                  title="有新派单时提醒我"
                  purpose="附近有人求助、派给您的组织时，在微信里提醒您。每同意一次，可以收到一条。"
                  counted={{ template: 'newOffer', what: '派单提醒' }}
                />
              ) : null}
            </View>
          )
        }
      </Loaded>
    </PageShell>
  )
}

function Offer({
  offer,
  organisationId,
  now,
  onAccepted,
  onGone,
}: {
  offer: OfferView
  organisationId: string
  now: number
  onAccepted(): void
  /** The offer can no longer be answered, or was declined: say why and refresh the list. */
  onGone(message: string): void
}) {
  const [busy, setBusy] = useState(false)
  const accept = async () => {
    setBusy(true)
    try {
      await api.needs.accept({ organisationId, offerId: offer.offerId })
      onAccepted()
    } catch (error) {
      // 已被其他组织接单 (or lapsed, or withdrawn) is news for the whole list, which reloads without it.
      onGone(messageOf(error))
    } finally {
      setBusy(false)
    }
  }
  return (
    <NeedCard need={offer.need}>
      <Text className="countdown">{formatTimeLeft(offer.deadline, now)}</Text>
      <BusyButton primary busy={busy} label="接单" onClick={accept} />
      <ConfirmAction
        label="婉拒"
        question="婉拒后，会转给别的组织。"
        reason={{ label: '婉拒的原因', required: false }}
        onConfirm={async (reason) => {
          await api.needs.decline({ organisationId, offerId: offer.offerId, reason })
          onGone('已婉拒，转给别的组织')
        }}
      />
    </NeedCard>
  )
}
