import { Text, View } from '@tarojs/components'
import { api } from '../../../api'
import { ConfirmAction } from '../../../components/confirm-action'
import { Card, ListItem, SectionHeader } from '../../../components/list'
import { PageShell } from '../../../components/page-shell'
import { Empty, Loaded } from '../../../components/status'
import { formatDateTime } from '../../../format'
import { useLoad } from '../../../hooks/use-load'
import { go, paths, usePageParams } from '../../../routes'

/** The committee's side of people's relations: moves into the community, take-overs to confirm, and the people it acts for. */
export default function CommitteeResidentsPage() {
  const { communityId = '' } = usePageParams()
  const load = useLoad(() =>
    Promise.all([
      api.residents.moveRequests({ communityId }),
      api.residents.takeovers({ communityId }),
      api.residents.registeredPeople({ communityId }),
    ]),
  )
  return (
    <PageShell>
      <ListItem title="代登记一位居民" detail="没有智能手机的居民，记录本人同意" onClick={() => go(paths.registerPerson(communityId))} />
      <Loaded load={load}>
        {([{ moves }, { requests }, { people }]) => (
          <View>
            <SectionHeader title="申请迁入本社区" hint="先打电话核实，再确认" />
            {moves.length === 0 && <Empty title="没有待确认的迁入" />}
            {moves.map((move) => (
              <Card key={move.moveId}>
                <Text className="card-title">{move.person?.name}</Text>
                <Text className="card-text">从 {move.from.name} 迁入</Text>
                <Text className="card-text">
                  新住址：{move.neighbourhood} {move.addressDetail}
                </Text>
                {move.person?.phone ? <Text className="card-text">电话：{move.person.phone}</Text> : null}
                {move.reason ? <Text className="card-text">留言：{move.reason}</Text> : null}
                <Text className="card-label">{formatDateTime(move.askedAt)} 申请</Text>
                <ConfirmAction
                  primary
                  label="确认迁入"
                  question={`确认 ${move.person?.name ?? ''} 迁入本社区吗？时间银行余额会一起转入。`}
                  onConfirm={async () => {
                    await api.residents.decideMove({ moveId: move.moveId, decision: 'confirm' })
                    load.reload()
                  }}
                />
                <ConfirmAction
                  label="婉拒"
                  question="婉拒这个迁入申请吗？"
                  reason={{ label: '原因（居民会看到）', required: true }}
                  onConfirm={async (reason) => {
                    await api.residents.decideMove({ moveId: move.moveId, decision: 'decline', reason })
                    load.reload()
                  }}
                />
              </Card>
            ))}
            <SectionHeader title="认领账号" hint="打电话给登记的本人核实后再确认" />
            {requests.length === 0 && <Empty title="没有待确认的认领" />}
            {requests.map((request) => (
              <Card key={request.takeoverId}>
                <Text className="card-title">{request.person.name}</Text>
                <Text className="card-text">
                  申请人填写：{request.name} {request.phone}
                </Text>
                <Text className="card-label">{formatDateTime(request.askedAt)} 申请</Text>
                <ConfirmAction
                  primary
                  label="确认是本人"
                  question={`已和 ${request.person.name} 本人核实，确认由这个微信认领吗？`}
                  onConfirm={async () => {
                    await api.residents.decideTakeover({ takeoverId: request.takeoverId, decision: 'confirm' })
                    load.reload()
                  }}
                />
                <ConfirmAction
                  label="不是本人"
                  question="拒绝这个认领申请吗？"
                  onConfirm={async () => {
                    await api.residents.decideTakeover({ takeoverId: request.takeoverId, decision: 'decline' })
                    load.reload()
                  }}
                />
              </Card>
            ))}
            <SectionHeader title="代登记的居民" hint="点开替他们求助、看进展" />
            {people.length === 0 && <Empty title="还没有代登记的居民" />}
            {people.map((person) => (
              <ListItem
                key={person.personId}
                title={person.name}
                detail={`${person.neighbourhood ?? ''} · ${person.tellByLabel}`}
                onClick={() => go(paths.actFor(person.personId))}
              />
            ))}
          </View>
        )}
      </Loaded>
    </PageShell>
  )
}
