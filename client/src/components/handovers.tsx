import { Text, View } from '@tarojs/components'
import type { RedemptionView } from '../../../shared/contracts/timebank'
import { formatDateTime, formatMinutes } from '../format'
import { CallButton } from './call-button'
import { ConfirmAction } from './confirm-action'
import { Tags } from './list'

/**
 * A redemption waiting to be handed over, as the committee or the providing organisation sees it:
 * what, to whom (with a call button), since when, and the confirmation that it was handed over.
 */
function HandoverCard({ redemption, onConfirm }: { redemption: RedemptionView; onConfirm(): Promise<unknown> }) {
  return (
    <View className="card handover">
      <Text className="card-title">{redemption.itemName}</Text>
      <Tags tags={[redemption.kindLabel, redemption.statusLabel]} />
      <Text className="card-text">
        {redemption.personName} · {formatDateTime(redemption.requestedAt)} 兑换 · {formatMinutes(redemption.priceMinutes)}
      </Text>
      {redemption.phone ? <CallButton phone={redemption.phone} /> : null}
      <ConfirmAction
        primary
        label="已交付"
        question={`「${redemption.itemName}」已经交给 ${redemption.personName ?? ''} 了吗？`}
        onConfirm={onConfirm}
      />
    </View>
  )
}

/** Redemptions waiting to be handed over; `confirm` tells the function, then the list reloads (`onConfirmed`). */
export function Handovers({
  redemptions,
  confirm,
  onConfirmed,
}: {
  redemptions: RedemptionView[]
  confirm(redemptionId: string): Promise<unknown>
  onConfirmed(): void
}) {
  return (
    <View>
      {redemptions.map((redemption) => (
        <HandoverCard
          key={redemption.id}
          redemption={redemption}
          onConfirm={async () => {
            await confirm(redemption.id)
            onConfirmed()
          }}
        />
      ))}
    </View>
  )
}
