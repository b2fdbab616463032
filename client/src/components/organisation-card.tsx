import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ReactNode } from 'react'
import type { OrganisationSummary } from '../../../shared/contracts/organisations'
import { formatDistance, walkingMinutes } from '../format'
import { paths } from '../routes'
import { Outcome } from './outcome'
import { Card, Tags } from './list'

/**
 * An organisation as a list shows it: name, kind, what it helps with, how far and how many.
 * With `onClick` the whole card is one touch target; `children` adds lines under it.
 * `distanceFrom` names whom the distance is from when it is not the reader (离求助人 22 米).
 */
export function OrganisationCard({
  organisation,
  distanceFrom = '你',
  onClick,
  children,
}: {
  organisation: OrganisationSummary
  distanceFrom?: string
  onClick?(): void
  children?: ReactNode
}) {
  const tags = organisation.status === 'approved' ? [organisation.kind] : [organisation.kind, organisation.statusLabel]
  const body = (
    <View className="organisation">
      <Text className="card-title">{organisation.name}</Text>
      <Tags tags={tags} />
      <Text className="card-text">帮扶：{organisation.helpKinds.join('、')}</Text>
      <Text className="card-text">
        成员 {organisation.memberCount} 人
        {organisation.distanceM === undefined
          ? ` · ${organisation.communityName}`
          : ` · 离${distanceFrom} ${formatDistance(organisation.distanceM)}，${walkingMinutes(organisation.distanceM)}`}
      </Text>
      {children}
    </View>
  )
  return <Card onClick={onClick}>{body}</Card>
}

/** After applying or joining: what happened, the organisation, and the one way on, to 我的组织. */
export function OrganisationOutcome({
  title,
  text,
  when,
  organisation,
}: {
  title: string
  text: string
  /** How long the answer usually takes, when someone must still give it. */
  when?: string
  organisation: OrganisationSummary
}) {
  return (
    <Outcome title={title} next={text} when={when} waiting={when !== undefined}>
      <OrganisationCard organisation={organisation} />
      <Button className="btn btn-primary btn-block" onClick={() => Taro.redirectTo({ url: paths.mine() })}>
        看我的组织
      </Button>
    </Outcome>
  )
}
