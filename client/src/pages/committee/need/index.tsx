import { Text, View } from '@tarojs/components'
import type { NeedView } from '../../../../../shared/contracts/needs'
import { needStatusAfter, type OfferStatus } from '../../../../../shared/domain/need'
import { api } from '../../../api'
import { ConfirmAction } from '../../../components/confirm-action'
import { SectionHeader } from '../../../components/list'
import { PhotoReview, TakeDownControls } from '../../../components/moderation'
import { NeedCard, NeedFacts, Timeline } from '../../../components/need'
import { OrganisationCard } from '../../../components/organisation-card'
import { PageShell } from '../../../components/page-shell'
import { Empty, Loaded } from '../../../components/status'
import { formatDateTime } from '../../../format'
import { useLoad } from '../../../hooks/use-load'
import { usePageParams } from '../../../routes'

type MatchOffer = Awaited<ReturnType<typeof api.needs.matchDetails>>['offers'][number]

const offerStatusLabel: Record<OfferStatus, string> = {
  open: '等待答复',
  accepted: '已接单',
  declined: '婉拒',
  expired: '超时未答复',
  taken: '别的组织先接了',
  withdrawn: '已撤回',
}

const scorePartLabel: Record<keyof MatchOffer['score']['parts'], string> = {
  distance: '距离',
  fit: '对口',
  load: '忙闲',
  response: '响应',
  rating: '评价',
}

/**
 * A need as the committee handles it: everything about it, who it was offered to and why, and
 * the decisions — publish, hide, or hand it to an organisation.
 */
export default function CommitteeNeedPage() {
  const { id = '', reason } = usePageParams()
  const load = useLoad(async () => {
    const [{ need }, { offers }] = await Promise.all([api.needs.detail({ needId: id }), api.needs.matchDetails({ needId: id })])
    // Organisations whose service area covers the place, for assigning by hand.
    const { organisations } = need.location ? await api.organisations.nearby({ centre: need.location }) : { organisations: [] }
    return { need, offers, organisations }
  })
  return (
    <PageShell>
      <Loaded load={load}>
        {(data) => {
          const { need } = data
          const replace = (next: NeedView) => load.replace({ ...data, need: next })
          const publishable = need.status === 'review' || (need.status === 'matching' && reason === 'duplicate')
          return (
            <View>
              <NeedCard whole need={need} />
              <NeedFacts need={need} call />
              <PhotoReview states={need.photoStates} contentOf={(fileId) => ({ kind: 'needPhoto', needId: need.id, fileId })} onChanged={load.reload} />
              <TakeDownControls content={{ kind: 'need', needId: need.id }} takenDown={need.takenDown} what='条求助' onChanged={load.reload} />
              {publishable && (
                <ConfirmAction
                  primary
                  label={need.status === 'review' ? '通过并派单' : '不是重复，继续派单'}
                  question='通过后会派给附近的组织。'
                  onConfirm={async () => replace((await api.needs.moderate({ needId: need.id, decision: 'publish' })).need)}
                />
              )}
              {needStatusAfter(need.status, 'hide') && (
                <ConfirmAction
                  label='隐藏这条求助'
                  question='隐藏后，除求助人和两委外谁也看不到，也不再派单。'
                  reason={{ label: '隐藏的理由', required: true }}
                  onConfirm={async (why) => replace((await api.needs.moderate({ needId: need.id, decision: 'hide', reason: why })).need)}
                />
              )}
              <MatchDetails offers={data.offers} />
              {needStatusAfter(need.status, 'assign') && (
                <View>
                  <SectionHeader title='指派给组织' hint='服务范围覆盖这个地点的已备案组织，由近到远' />
                  {data.organisations.length === 0 ? (
                    <Empty title='附近没有已备案的组织' />
                  ) : (
                    data.organisations.map((organisation) => (
                      <OrganisationCard key={organisation.id} organisation={organisation}>
                        <ConfirmAction
                          label='指派给这个组织'
                          question={`把这条求助直接交给${organisation.name}？`}
                          onConfirm={async () => replace((await api.needs.assign({ needId: need.id, organisationId: organisation.id })).need)}
                        />
                      </OrganisationCard>
                    ))
                  )}
                </View>
              )}
              {need.timeline && <Timeline events={need.timeline} />}
            </View>
          )
        }}
      </Loaded>
    </PageShell>
  )
}

/** Who was offered it, in which round, and the score that put them there. */
function MatchDetails({ offers }: { offers: MatchOffer[] }) {
  return (
    <View>
      <SectionHeader title='派单经过' hint='得分越高越先派；各项 0 到 1' />
      {offers.length === 0 ? (
        <Empty title='还没有派给任何组织' />
      ) : (
        <View id='match-details' className='card'>
          {offers.map((offer) => (
            <View className='timeline-event' key={offer.offerId}>
              <Text className='timeline-text'>
                {offer.organisationName}：{offerStatusLabel[offer.status]}
              </Text>
              <Text className='timeline-meta'>
                第 {offer.round} 轮 · {formatDateTime(offer.offeredAt)} 派出 · 得分 {offer.score.total.toFixed(2)}
              </Text>
              <Text className='timeline-meta'>
                {(Object.keys(scorePartLabel) as (keyof typeof scorePartLabel)[])
                  .map((part) => `${scorePartLabel[part]} ${offer.score.parts[part].toFixed(2)}`)
                  .join(' · ')}
              </Text>
            </View>
          ))}
        </View>
      )}
    </View>
  )
}
