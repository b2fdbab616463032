import { api } from '../../../api'
import { PageShell } from '../../../components/page-shell'
import { Empty, Loaded } from '../../../components/status'
import { Handovers } from '../../../components/handovers'
import { useLoad } from '../../../hooks/use-load'
import { usePageParams } from '../../../routes'

/** 待交付: what residents redeemed and have not received yet, oldest first; the committee confirms each hand-over. */
export default function HandoversPage() {
  const { communityId = '' } = usePageParams()
  const load = useLoad(() => api.timebank.handovers({ communityId }))
  return (
    <PageShell>
      <Loaded load={load}>
        {({ redemptions }) =>
          redemptions.length === 0 ? (
            <Empty title="没有等待交付的兑换" />
          ) : (
            <Handovers
              redemptions={redemptions}
              confirm={(redemptionId) => api.timebank.confirmHandover({ redemptionId })}
              onConfirmed={load.reload}
            />
          )
        }
      </Loaded>
    </PageShell>
  )
}
