import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { NeedView, TimelineEvent } from '../../../shared/contracts/needs'
import { callFirst } from '../../../shared/domain/need'
import { formatDateTime, formatDistance } from '../format'
import { CallButton } from './call-button'
import { Card, Fact, SectionHeader, Tags } from './list'
import { PhotoNotes } from './moderation'
import { Photos } from './photos'

/**
 * What to call before anything else: for 危及生命安全 the emergency numbers, with the plain statement
 * that this app does not replace them; for a scam (防骗维权) 110 and 96110, with what to do meanwhile;
 * then the committee's phone where the page knows it. Nothing for other needs.
 */
export function EmergencyPanel({ need, committeePhone }: { need: Parameters<typeof callFirst>[0]; committeePhone?: string }) {
  const guidance = callFirst(need)
  if (!guidance) return null
  return (
    <View id="emergency-panel" className="emergency">
      <Text className="emergency-title">{guidance.life ? '有危险，请先打电话！' : '可能遇到骗子，请先打电话！'}</Text>
      {guidance.life && <Text className="emergency-text">邻里守望不能代替报警和急救。生命安全有危险时，请马上拨打：</Text>}
      {guidance.fraud && (
        <Text className="emergency-text">
          不转账、不说验证码。钱已经转出去了，马上打 110 报警；拿不准是不是骗子，打 96110 反诈专线问一问：
        </Text>
      )}
      {guidance.numbers.map(({ number, label }) => (
        <CallButton key={number} emergency phone={number} label={`${label} ${number}`} />
      ))}
      {committeePhone ? <CallButton phone={committeePhone} label={`社区两委 ${committeePhone}`} /> : null}
    </View>
  )
}

/**
 * A need as lists show it: kind, urgency and status, where (小区 and distance, never more), when.
 * With `onClick` the whole card is one touch target; `children` adds lines under it.
 */
export function NeedCard({
  need,
  whole,
  onClick,
  children,
}: {
  need: NeedView
  /** On the need's own page: all of what the requester wrote, not the first lines. */
  whole?: boolean
  onClick?(): void
  children?: ReactNode
}) {
  const body = (
    <View className={need.urgency === 'life' ? 'need need-life' : 'need'}>
      <Text className="card-title">{need.helpKind}</Text>
      <Tags tags={[need.urgencyLabel, need.statusLabel]} />
      <Text className={whole ? 'card-text need-description' : 'card-text need-summary'}>{need.description}</Text>
      <Text className="card-text">
        {need.communityName} · {need.neighbourhood}
        {need.distanceM === undefined ? '' : ` · 相距 ${formatDistance(need.distanceM)}`}
      </Text>
      <Text className="card-label">{formatDateTime(need.createdAt)} 发起</Text>
      {children}
    </View>
  )
  return <Card onClick={onClick}>{body}</Card>
}

/**
 * The details of a need: for those with full access who and where, and what came of it. `call` offers to ring the
 * contact phone (the accepting organisation and the committee, not the requester themself).
 */
export function NeedFacts({ need, call }: { need: NeedView; call?: boolean }) {
  // Before acceptance an organisation sees only what the card shows.
  if (need.access === 'limited') return null
  return (
    <View className="card">
      {need.wantedBy ? <Fact label="希望在">{formatDateTime(need.wantedBy)} 前</Fact> : null}
      {need.requesterName ? (
        <Fact label="求助人">
          {need.forNeighbour ? `${need.forNeighbour.name}（${need.requesterName} 代邻居求助）` : need.requesterName}
        </Fact>
      ) : null}
      {need.addressDetail ? (
        <Fact label="地址">
          {need.neighbourhood} {need.addressDetail}
        </Fact>
      ) : null}
      {need.photos && need.photos.length > 0 ? (
        <View className="fact">
          <Text className="fact-label">照片</Text>
          <Photos photos={need.photos} />
        </View>
      ) : null}
      <PhotoNotes states={need.photoStates} />
      {need.contactPhone ? <Fact label="联系电话">{need.contactPhone}</Fact> : null}
      {call && need.contactPhone ? <CallButton primary phone={need.contactPhone} label={`给求助人打电话 ${need.contactPhone}`} /> : null}
      {need.acceptedBy ? <Fact label="接单组织">{need.acceptedBy.name}</Fact> : null}
      {need.finishBy ? <Fact label="应办完">{formatDateTime(need.finishBy)} 前</Fact> : null}
      {need.volunteers && need.volunteers.length > 0 ? <Fact label="志愿者">{need.volunteers.map((v) => v.name).join('、')}</Fact> : null}
      {need.doneSummary ? <Fact label="做了什么">{need.doneSummary}</Fact> : null}
      {need.service && need.service.length > 0 ? (
        <Fact label="服务时长">{need.service.map((s) => `${s.name} ${s.minutes} 分钟`).join('、')}</Fact>
      ) : null}
      {need.outcome ? (
        <Fact label="居民评价">
          {need.outcome.resultLabel}
          {need.outcome.rating ? `，${need.outcome.rating} 星` : ''}
          {need.outcome.comment ? `：${need.outcome.comment}` : ''}
        </Fact>
      ) : null}
    </View>
  )
}

/** Every change, who made it and when, oldest first. */
export function Timeline({ events }: { events: TimelineEvent[] }) {
  return (
    <View>
      <SectionHeader title="进展" />
      <View id="timeline" className="card">
        {events.map((event, i) => (
          <View className="timeline-event" key={`${event.at}-${i}`}>
            <Text className="timeline-text">{event.text}</Text>
            <Text className="timeline-meta">
              {event.actorName} · {formatDateTime(event.at)}
            </Text>
          </View>
        ))}
      </View>
    </View>
  )
}
