import { Text, View } from '@tarojs/components'
import type { CoverageRow } from '../../../../../shared/contracts/community'
import { api } from '../../../api'
import { ListItem } from '../../../components/list'
import { PageShell } from '../../../components/page-shell'
import { Empty, Loaded } from '../../../components/status'
import { useLoad } from '../../../hooks/use-load'
import { go, paths } from '../../../routes'
import { sitsOnCommittee, useRoles } from '../../../state/me'

/** 社区工作台: each community the person oversees, its count of organisations against the seeds' target. */
export default function WorkbenchPage() {
  const load = useLoad(() => api.community.coverage())
  return (
    <PageShell>
      <Loaded load={load}>
        {({ communities }) =>
          communities.length === 0 ? (
            <Empty title='没有你负责的社区' />
          ) : (
            communities.map((row) => <CommunityCoverage key={row.communityId} row={row} />)
          )
        }
      </Loaded>
    </PageShell>
  )
}

function CommunityCoverage({ row }: { row: CoverageRow }) {
  const committee = sitsOnCommittee(useRoles(), row.communityId)
  return (
    <View className='card'>
      <Text className='card-label'>{row.kindLabel}</Text>
      <Text className='card-title'>{row.name}</Text>
      <Text className='coverage-figure'>
        社区社会组织 {row.approved} 个，目标 {row.target} 个
      </Text>
      <Text className={row.met ? 'coverage-verdict coverage-verdict-met' : 'coverage-verdict'}>
        {row.met ? '已达标' : `还差 ${row.shortfall} 个`}
      </Text>
      <Text className='card-text'>
        待审核 {row.pending} 个 · 已暂停 {row.suspended} 个
      </Text>
      {/* Only the community's own committee handles needs and decides on applications (the permission table). */}
      {committee && <ListItem title='求助待办' detail='无人接单、待审核、被标记、可能重复的求助' onClick={() => go(paths.needsQueue(row.communityId))} />}
      {committee && <ListItem title='关爱对象' detail='特殊困难群体登记、结对帮扶、定期探访' onClick={() => go(paths.careRegister(row.communityId))} />}
      {committee && <ListItem title='探访情况' detail='每月探访率，目标 100%' onClick={() => go(paths.careOverview(row.communityId))} />}
      {committee && (
        <ListItem
          title='备案申请'
          detail='审核居民登记的组织'
          extra={row.pending > 0 ? `${row.pending} 件待审` : undefined}
          onClick={() => go(paths.applications(row.communityId))}
        />
      )}
      {committee && <ListItem title='活动审批' detail='重大活动先审批；设定人数标准和须报批的类型' onClick={() => go(paths.activityApprovals(row.communityId))} />}
      {committee && (
        <ListItem title='时间银行' detail='待交付的兑换、超上限待审核、兑换目录、收支和冲正、发放' onClick={() => go(paths.committeeTimeBank(row.communityId))} />
      )}
      <ListItem
        title='本社区组织'
        detail='按状态查看，点开看评估记录'
        onClick={() => go(paths.communityOrganisations(row.communityId))}
      />
      <ListItem title='两委成员' detail={committee ? '查看、任命两委成员' : '查看、撤销两委成员'} onClick={() => go(paths.committee(row.communityId))} />
      <ListItem title='审计记录' detail='谁在什么时候做了什么审批、任命' onClick={() => go(paths.audit(row.communityId))} />
    </View>
  )
}
