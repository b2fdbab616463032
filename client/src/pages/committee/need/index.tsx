import { Button, Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { NeedView } from '../../../../../shared/contracts/needs'
import { needStatusAfter, type MatchParts, type OfferStatus } from '../../../../../shared/domain/need'
import { api } from '../../../api'
import { ConfirmAction } from '../../../components/confirm-action'
import { Fact, SectionHeader } from '../../../components/list'
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
          const replace = (next: NeedView) => load.replace((shown) => ({ ...shown, need: next }))
          const publishable = need.status === 'review' || (need.status === 'matching' && reason === 'duplicate')
          return (
            <View>
              <NeedCard whole need={need} />
              <NeedFacts need={need} call />
              <PhotoReview
                states={need.photoStates}
                contentOf={(fileId) => ({ kind: 'needPhoto', needId: need.id, fileId })}
                onChanged={load.reload}
              />
              <TakeDownControls
                content={{ kind: 'need', needId: need.id }}
                takenDown={need.takenDown}
                what="条求助"
                onChanged={load.reload}
              />
              {publishable && (
                <ConfirmAction
                  primary
                  label={need.status === 'review' ? '通过并派单' : '不是重复，继续派单'}
                  question="通过后会派给附近的组织。"
                  onConfirm={async () => replace((await api.needs.moderate({ needId: need.id, decision: 'publish' })).need)}
                />
              )}
              {needStatusAfter(need.status, 'hide') && (
                <ConfirmAction
                  danger
                  label="隐藏这条求助"
                  question="隐藏后，除求助人和两委外谁也看不到，也不再派单。"
                  reason={{ label: '隐藏的理由', required: true }}
                  onConfirm={async (why) => replace((await api.needs.moderate({ needId: need.id, decision: 'hide', reason: why })).need)}
                />
              )}
              <MatchDetails offers={data.offers} />
              {needStatusAfter(need.status, 'assign') && (
                <View>
                  <SectionHeader title="指派给组织" hint="服务范围覆盖这个地点的已备案组织，由近到远" />
                  {data.organisations.length === 0 ? (
                    <Empty title="附近没有已备案的组织" />
                  ) : (
                    data.organisations.map((organisation) => (
                      <OrganisationCard key={organisation.id} organisation={organisation} distanceFrom="求助人">
                        <ConfirmAction
                          label="指派给这个组织"
                          question={`把这条求助直接交给${organisation.name}？`}
                          onConfirm={async () =>
                            replace((await api.needs.assign({ needId: need.id, organisationId: organisation.id })).need)
                          }
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

/**
 * Who was offered it, in which round, and what came of it. Why each was chosen folds out under
 * 为什么派给它, in words: the scores behind it are for those who ask.
 */
function MatchDetails({ offers }: { offers: MatchOffer[] }) {
  const [open, setOpen] = useState<string | null>(null)
  return (
    <View>
      <SectionHeader title="派单经过" hint="按距离、对口、忙闲、响应快慢和居民评价挑选附近的组织" />
      {offers.length === 0 ? (
        <Empty title="还没有派给任何组织" />
      ) : (
        <View id="match-details" className="card">
          {offers.map((offer) => (
            <View className="timeline-event" key={offer.offerId}>
              <Text className="timeline-text">
                {offer.organisationName}：{offerStatusLabel[offer.status]}
              </Text>
              <Text className="timeline-meta">
                第 {offer.round} 轮 · {formatDateTime(offer.offeredAt)} 派出
              </Text>
              <Button
                className="btn btn-plain btn-block why-offered"
                onClick={() => setOpen(open === offer.offerId ? null : offer.offerId)}
              >
                {open === offer.offerId ? '收起' : '为什么派给它'}
              </Button>
              {open === offer.offerId ? (
                <View className="why-offered-reasons">
                  {(Object.keys(scorePartWords) as (keyof MatchParts)[]).map((part) => (
                    <Fact key={part} label={scorePartWords[part].label}>
                      {wordFor(scorePartWords[part].words, offer.score.parts[part])}
                    </Fact>
                  ))}
                  <Fact label="综合">{Math.round(offer.score.total * 100)} 分（满分 100）</Fact>
                </View>
              ) : null}
            </View>
          ))}
        </View>
      )}
    </View>
  )
}

/** Each part of the score (0 to 1, 1 best) said as people would: good, middling, poor. */
const scorePartWords: Record<keyof MatchParts, { label: string; words: [string, string, string] }> = {
  distance: { label: '距离', words: ['很近', '不算远', '较远'] },
  fit: { label: '对口', words: ['是它的主要服务', '它也做这类服务', '不是它做的服务'] },
  load: { label: '忙闲', words: ['手头空', '有些忙', '很忙'] },
  response: { label: '响应', words: ['答复快', '答复一般', '答复慢'] },
  rating: { label: '居民评价', words: ['评价好', '评价一般', '评价差'] },
}

const wordFor = ([good, middling, poor]: [string, string, string], part: number) => (part >= 0.7 ? good : part >= 0.4 ? middling : poor)
