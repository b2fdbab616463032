import { Button, Text, View } from '@tarojs/components'
import type { RegisterEntry } from '../../../../../shared/contracts/care'
import { api } from '../../../api'
import { pairingText, PersonCard, VisitList } from '../../../components/care'
import { ConfirmAction } from '../../../components/confirm-action'
import { Empty, Loaded } from '../../../components/status'
import { Fact, ListItem, SectionHeader, Tags } from '../../../components/list'
import { PageShell } from '../../../components/page-shell'
import { formatDate, formatDateTime } from '../../../format'
import { useLoad } from '../../../hooks/use-load'
import { go, paths, usePageParams } from '../../../routes'

/**
 * 一位关爱对象, as only the committee sees it (each opening is audited): who and where, the
 * schedule, who visits, the consent on record, the visits; 结对, 修改 and 撤回同意.
 */
export default function CarePersonPage() {
  const { id = '' } = usePageParams()
  const load = useLoad(() => api.care.entry({ entryId: id }))
  return (
    <PageShell>
      <Loaded load={load}>
        {({ entry }) => {
          const withdraw = async (note: string | undefined) => {
            const answer = await api.care.withdrawConsent({ entryId: id, at: new Date().toISOString(), note: note ?? '' })
            load.replace(answer)
          }
          return (
            <View>
              <Person entry={entry} />
              {entry.active ? (
                <Pairing entry={entry} onPair={() => go(paths.carePair(id, entry.communityId))} />
              ) : (
                <Withdrawn entry={entry} />
              )}
              <Consent entry={entry} />
              <SectionHeader title={`探访记录（${entry.visits.length} 次）`} />
              {entry.visits.length === 0 ? (
                <Empty title="还没有探访记录">结对的志愿者在“我的探访”里记录。</Empty>
              ) : (
                <VisitList visits={entry.visits} openNeed={(needId) => go(paths.committeeNeed(needId))} />
              )}
              {entry.active && (
                <View className="card">
                  <ListItem title="修改信息" detail="住址、电话、类别、需要、紧急联系人、探访频次" onClick={() => go(paths.careEdit(id))} />
                  <ConfirmAction
                    label="撤回同意"
                    question={`${entry.name}不同意再登记了？撤回后移出在册名单，不再探访，结对也一并解除。`}
                    reason={{ label: '怎么撤回的（如：本人电话告知）', required: true }}
                    onConfirm={withdraw}
                  />
                </View>
              )}
            </View>
          )
        }}
      </Loaded>
    </PageShell>
  )
}

function Person({ entry }: { entry: RegisterEntry }) {
  return (
    <PersonCard
      person={entry}
      details={
        <View>
          <Tags tags={entry.groups} />
          {entry.linkedResident ? <Text className="card-label">本人也在用邻里守望</Text> : null}
        </View>
      }
    />
  )
}

/** Who visits: the main action of the page until someone does. */
function Pairing({ entry, onPair }: { entry: RegisterEntry; onPair(): void }) {
  const paired = entry.pairing.organisation !== undefined || entry.pairing.volunteers.length > 0
  return (
    <View id="pairing" className="card">
      <SectionHeader title="结对帮扶" hint="结对的组织和志愿者负责定期探访" />
      <Text className="card-text">{pairingText(entry.pairing)}</Text>
      <Button id="care-pair" className={paired ? 'btn btn-plain btn-block' : 'btn btn-primary btn-block'} onClick={onPair}>
        {paired ? '修改结对' : '安排结对'}
      </Button>
    </View>
  )
}

function Withdrawn({ entry }: { entry: RegisterEntry }) {
  if (!entry.withdrawal) return null
  return (
    <View id="withdrawn" className="card">
      <SectionHeader title="已撤回同意" hint="已移出在册名单，不再探访，结对已解除" />
      <Fact label="撤回时间">{formatDate(entry.withdrawal.at)}</Fact>
      <Fact label="说明">{entry.withdrawal.note}</Fact>
      <Fact label="记录人">{entry.withdrawal.recordedBy}</Fact>
    </View>
  )
}

/** 单独同意 on record: who, how, when, and who wrote it down. */
function Consent({ entry }: { entry: RegisterEntry }) {
  const { consent } = entry
  return (
    <View id="consent" className="card">
      <SectionHeader title="本人同意" />
      <Fact label="同意人">
        {consent.giverName}（{consent.giverLabel}）
      </Fact>
      <Fact label="方式">{consent.methodLabel}</Fact>
      <Fact label="时间">{formatDateTime(consent.at)}</Fact>
      <Fact label="记录人">{consent.recordedBy}</Fact>
    </View>
  )
}
