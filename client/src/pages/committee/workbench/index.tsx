import { Button, Text, View } from '@tarojs/components'
import type { CoverageRow } from '../../../../../shared/contracts/community'
import type { WaitingItem } from '../../../../../shared/contracts/reports'
import { api } from '../../../api'
import { ListItem, SectionHeader, Tags } from '../../../components/list'
import { PageShell } from '../../../components/page-shell'
import { Empty, Loaded } from '../../../components/status'
import { formatWaiting } from '../../../format'
import { useLoad } from '../../../hooks/use-load'
import { go, paths } from '../../../routes'
import { sitsOnCommittee, useRoles } from '../../../state/me'

/**
 * 社区工作台: first what waits on the committee, the most harmful first, each a tap away from where it is
 * settled; then each community the person oversees, with its figures and the committee's pages.
 */
export default function WorkbenchPage() {
  const roles = useRoles()
  const offices = roles.flatMap((role) =>
    role.role === 'civil_affairs' && role.officeId ? [{ id: role.officeId, name: role.scopeName }] : [],
  )
  const load = useLoad(() => api.community.coverage())
  return (
    <PageShell>
      {offices.length > 0 && (
        <View className="card">
          <ListItem title="各社区统计" detail="本部门所辖社区的数字与合计，可导出总结报告数据" onClick={() => go(paths.officeFigures())} />
        </View>
      )}
      {/* 民政 stands its district up here (decision 034): communities one by one or from the office's sheet. */}
      {offices.map((office) => (
        <View className="card" key={office.id} id={`office-${office.id}`}>
          <SectionHeader title={office.name} hint="添加本部门的社区，再邀请各社区的两委成员" />
          <ListItem
            title="从表格导入"
            detail="用本部门已有的社区名单（Excel），一次添加多个"
            onClick={() => go(paths.importCommunities(office.id))}
          />
          <ListItem title="添加社区" detail="一个一个添加，在地图上选社区中心" onClick={() => go(paths.addCommunity(office.id))} />
        </View>
      ))}
      <Loaded load={load}>
        {({ communities }) =>
          communities.length === 0 ? (
            <Empty title={offices.length > 0 ? '还没有社区' : '没有你负责的社区'}>
              {offices.length > 0 ? '先从表格导入，或添加社区' : undefined}
            </Empty>
          ) : (
            <View>
              {communities
                .filter((row) => sitsOnCommittee(roles, row.communityId))
                .map((row) => (
                  <Waiting key={row.communityId} communityId={row.communityId} name={row.name} />
                ))}
              {communities.map((row) => (
                <CommunityCoverage key={row.communityId} row={row} />
              ))}
            </View>
          )
        }
      </Loaded>
    </PageShell>
  )
}

/** 待办: one list of everything waiting on this community's committee, the most harmful first. */
function Waiting({ communityId, name }: { communityId: string; name: string }) {
  const load = useLoad(() => api.reports.waiting({ communityId }))
  return (
    <View className="card" id={`waiting-${communityId}`}>
      <SectionHeader title={`待办 · ${name}`} hint="危及生命安全的在前，其次紧急，再按等得最久的；点一下去处理" />
      <Loaded load={load}>
        {({ items, counts, total }) =>
          total === 0 ? (
            <Text className="card-text">没有等你处理的事项</Text>
          ) : (
            <View>
              <LifeBanner items={items} />
              <Tags tags={counts.filter((c) => c.count > 0).map((c) => `${c.label} ${c.count}`)} />
              {items.map((item) => (
                <ListItem
                  key={`${item.kind}:${item.id}`}
                  title={`${item.kindLabel}：${item.title}`}
                  detail={item.detail}
                  extra={formatWaiting(item.waitingMinutes)}
                  onClick={() => go(item.page)}
                />
              ))}
              {total > items.length ? <Text className="note">还有 {total - items.length} 件，先处理上面最要紧的</Text> : null}
            </View>
          )
        }
      </Loaded>
    </View>
  )
}

/** 危及生命安全 waiting: said above everything else, with one large way to the first of them. */
function LifeBanner({ items }: { items: WaitingItem[] }) {
  const life = items.filter((item) => item.urgency === 'life')
  if (life.length === 0) return null
  return (
    <View id="life-banner" className="emergency">
      <Text className="emergency-title">有危及生命安全的求助！</Text>
      <Text className="emergency-text">{life.length} 件等你处理，请马上打开，给求助人打电话。</Text>
      <Button className="btn btn-emergency btn-block" onClick={() => go(life[0].page)}>
        马上处理
      </Button>
    </View>
  )
}

function CommunityCoverage({ row }: { row: CoverageRow }) {
  const roles = useRoles()
  const committee = sitsOnCommittee(roles, row.communityId)
  const office = roles.some((role) => role.role === 'civil_affairs' && role.officeId === row.officeId)
  return (
    <View className="card">
      <Text className="card-label">{row.kindLabel}</Text>
      <Text className="card-title">{row.name}</Text>
      <Text className="coverage-figure">
        社区社会组织 {row.approved} 个，目标 {row.target} 个
      </Text>
      <Text className={row.met ? 'coverage-verdict coverage-verdict-met' : 'coverage-verdict'}>
        {row.met ? '已达标' : `还差 ${row.shortfall} 个`}
      </Text>
      <Text className="card-text">
        待审核 {row.pending} 个 · 已暂停 {row.suspended} 个
      </Text>
      <ListItem
        title="统计与报表"
        detail="求助、响应时间、评价、志愿服务、趋势和地图，可导出"
        onClick={() => go(paths.figures(row.communityId))}
      />
      {committee && (
        <ListItem
          id={`surveys-${row.communityId}`}
          title="需求调查"
          detail="问问居民最需要什么，看统计图表，可导出"
          onClick={() => go(paths.surveys(row.communityId))}
        />
      )}
      {/* Only the community's own committee handles needs and decides on applications (the permission table). */}
      {committee && (
        <ListItem
          title="求助待办"
          detail="无人接单、待审核、被标记、可能重复、逾期未办完的求助"
          onClick={() => go(paths.needsQueue(row.communityId))}
        />
      )}
      {committee && (
        <ListItem
          title="本社区求助"
          detail="所有求助，按状态、紧急程度、类型、小区查看；进行中的地图"
          onClick={() => go(paths.communityNeeds(row.communityId))}
        />
      )}
      {committee && (
        <ListItem
          title="迁入、代登记与代办"
          detail="确认迁入和认领账号；替没有智能手机的居民登记、求助"
          onClick={() => go(paths.committeeResidents(row.communityId))}
        />
      )}
      {committee && (
        <ListItem title="关爱对象" detail="特殊困难群体登记、结对帮扶、定期探访" onClick={() => go(paths.careRegister(row.communityId))} />
      )}
      {committee && <ListItem title="探访情况" detail="每月探访率，目标 100%" onClick={() => go(paths.careOverview(row.communityId))} />}
      {committee && (
        <ListItem
          title="居住核验"
          detail="确认自己加入本社区的新居民；社区入驻二维码"
          onClick={() => go(paths.newcomers(row.communityId))}
        />
      )}
      {committee && (
        <ListItem
          title="备案申请"
          detail="审核居民登记的组织"
          extra={row.pending > 0 ? `${row.pending} 件待审` : undefined}
          onClick={() => go(paths.applications(row.communityId))}
        />
      )}
      {committee && (
        <ListItem
          title="活动审批"
          detail="重大活动先审批；设定人数标准和须报批的类型"
          onClick={() => go(paths.activityApprovals(row.communityId))}
        />
      )}
      {committee && (
        <ListItem
          title="时间银行"
          detail="待交付的兑换、超上限待审核、兑换目录、收支和冲正、发放"
          onClick={() => go(paths.committeeTimeBank(row.communityId))}
        />
      )}
      {committee && (
        <ListItem
          title="议事协商"
          detail="发起议题、下架不当意见、写决定和议事纪要、补充落实情况"
          onClick={() => go(paths.topics(row.communityId))}
        />
      )}
      <ListItem title="本社区组织" detail="按状态查看，点开看评估记录" onClick={() => go(paths.communityOrganisations(row.communityId))} />
      {office && (
        <ListItem
          title="邀请两委成员"
          detail="生成邀请码和小程序码，请两委成员用微信接受"
          onClick={() => go(paths.inviteCommittee(row.communityId))}
        />
      )}
      <ListItem
        title="两委成员"
        detail={committee ? '查看、任命两委成员' : '查看、撤销两委成员'}
        onClick={() => go(paths.committee(row.communityId))}
      />
      <ListItem title="审计记录" detail="谁在什么时候做了什么审批、任命" onClick={() => go(paths.audit(row.communityId))} />
    </View>
  )
}
