import { Button, Text, View } from '@tarojs/components'
import type { PersonView } from '../../../../shared/contracts/account'
import type { ResidenceView } from '../../../../shared/contracts/joining'
import { api } from '../../api'
import { visitWanted } from '../../../../shared/domain/care'
import { CallButton } from '../../components/call-button'
import { CommunityCard } from '../../components/community-card'
import { ElderModeSwitch } from '../../components/elder-mode-switch'
import { PendingResidence, useResidence, Welcome } from '../../components/joining'
import { ListItem, SectionHeader } from '../../components/list'
import { PageShell } from '../../components/page-shell'
import { LoadError, Loading } from '../../components/status'
import { useLoad } from '../../hooks/use-load'
import { go, paths } from '../../routes'
import { useMe } from '../../state/me'

export default function MePage() {
  const me = useMe()
  const residence = useResidence()
  return (
    <PageShell>
      <ElderModeSwitch id="elder-mode-switch" />
      {me.status === 'loading' && <Loading />}
      {me.status === 'error' && <LoadError message={me.message} onRetry={me.reload} />}
      {me.status === 'ready' && (me.person ? <Profile person={me.person} residence={residence} /> : <NotJoined residence={residence} />)}
      {process.env.TARO_ENV === 'h5' && (
        // The local host's page for choosing a demo person; not part of the mini-program.
        <Button className="btn btn-plain btn-block" onClick={() => window.location.assign('/local/sign-in')}>
          切换演示身份
        </Button>
      )}
    </PageShell>
  )
}

function Profile({ person, residence }: { person: PersonView; residence: ResidenceView | null }) {
  return (
    <View>
      <View className="card">
        <Text className="card-label">我是</Text>
        <Text className="card-title">{person.name}</Text>
        {person.phone ? <Text className="card-text">电话：{person.phone}</Text> : null}
        {person.address ? <Text className="card-text">住址：{person.address}</Text> : null}
      </View>
      {person.community ? <CommunityCard community={person.community} /> : null}
      {residence?.status === 'pending' ? <PendingResidence residence={residence} /> : null}
      {!person.community ? <NotJoined residence={residence} /> : null}
      <Entries person={person} />
      <View className="card">
        <Text className="card-label">我的身份</Text>
        {person.roles.map((role) => (
          <View className="role" key={`${role.role}:${role.communityId ?? ''}:${role.organisationId ?? ''}:${role.officeId ?? ''}`}>
            <Text className="role-label">{role.label}</Text>
            <Text className="role-scope">{role.scopeName}</Text>
          </View>
        ))}
      </View>
      <SettingsAndHelp person={person} />
    </View>
  )
}

/** Where this person can go from here, by what they are: what I use, then the organisations I am part of. */
function Entries({ person }: { person: PersonView }) {
  const oversees = person.roles.some((role) => role.role === 'committee' || role.role === 'civil_affairs')
  const leads = person.roles.some((role) => role.role === 'organisation_lead')
  const visits = leads || person.roles.some((role) => role.role === 'volunteer')
  const { community } = person
  const resident = community !== null
  if (!oversees && !resident) return null
  return (
    <View>
      <View className="card">
        <SectionHeader title="我的服务" />
        {oversees && (
          <ListItem title="社区工作台" detail="待办事项、统计与报表、关爱对象、审计记录" onClick={() => go(paths.workbench())} />
        )}
        {visits && <MyVisitsEntry />}
        {visits && (
          <ListItem title="我的志愿者资料" detail="擅长什么、什么时候有空、暂停接单；我的星级" onClick={() => go(paths.volunteer())} />
        )}
        {resident && <ListItem title="我的求助" detail="我发起或替邻居发起的求助" onClick={() => go(paths.myNeeds())} />}
        {resident && <ListItem title="我的活动" detail="我报名、候补的活动，签到和评价" onClick={() => go(paths.myActivities())} />}
        {leads && <ListItem title="派单和任务" detail="派给我负责的组织的求助" onClick={() => go(paths.offers())} />}
        {visits && !leads && <ListItem title="我的任务" detail="负责人安排给我的求助" onClick={() => go(paths.offers())} />}
        {resident && <ListItem title="我的亲友" detail="关联家人，替长辈求助、看进展" onClick={() => go(paths.family())} />}
        {resident && (
          <ListItem id="my-surveys" title="需求调查" detail="社区想知道您最需要什么帮助" onClick={() => go(paths.answerSurveys())} />
        )}
        {community && (
          <ListItem
            title="议事协商"
            detail="社区的事大家议：提议、附议、讨论、投票、看结果"
            onClick={() => go(paths.topics(community.id))}
          />
        )}
      </View>
      {resident && (
        <View className="card">
          <SectionHeader title="我参加的组织" />
          <ListItem title="我的组织" detail="我负责、参加或申请的组织" onClick={() => go(paths.mine())} />
          <ListItem title="凭邀请码加入" detail="有邻居给了你邀请码" onClick={() => go(paths.join())} />
          <ListItem title="登记新组织" detail="自己牵头成立一个组织" onClick={() => go(paths.apply())} />
        </View>
      )}
    </View>
  )
}

/** 设置与帮助: my data, moving, a work invitation, and where to turn: 帮助, the community's phone, 意见反馈, 隐私政策. */
function SettingsAndHelp({ person }: { person: PersonView | null }) {
  return (
    <View className="card" id="settings-and-help">
      <SectionHeader title="设置与帮助" />
      {person && (
        <ListItem title="我的信息" detail="保存了我哪些信息、谁看过；修改、导出、撤回同意、注销账号" onClick={() => go(paths.myData())} />
      )}
      {person?.community && <ListItem title="搬家" detail="搬到另一个社区，时间银行余额一起转过去" onClick={() => go(paths.move())} />}
      <InvitationEntry />
      <ListItem title="帮助" detail="怎样求助、什么算危及生命安全、时间银行、隐私" onClick={() => go(paths.help())} />
      <FeedbackEntry />
      <ListItem title="隐私政策" detail="我们收集什么、为什么、保存多久" onClick={() => go(paths.privacy())} />
      {person?.community && (
        <View className="field">
          <Text className="card-text">
            客服电话：{person.community.name}居委会 {person.community.committeePhone}
          </Text>
          <CallButton phone={person.community.committeePhone} label={`给社区打电话 ${person.community.committeePhone}`} />
        </View>
      )}
    </View>
  )
}

/** 意见反馈: on weapp WeChat's own feedback page (it reaches the mini-program's operator); elsewhere our page (decision 038). */
function FeedbackEntry() {
  if (process.env.TARO_ENV === 'weapp') {
    return (
      <Button id="feedback" className="list-item" openType="feedback">
        <View className="list-item-text">
          <Text className="list-item-title">意见反馈</Text>
          <Text className="list-item-detail">哪里不好用、哪里看不懂，告诉我们</Text>
        </View>
        <Text className="list-item-arrow">›</Text>
      </Button>
    )
  }
  return <ListItem title="意见反馈" detail="哪里不好用、哪里看不懂，告诉我们" onClick={() => go(paths.feedback())} />
}

/** Typing a code from civil affairs (decision 034): the office's first staff member gets theirs printed by the deploy command. */
function InvitationEntry() {
  return (
    <ListItem title="接受工作邀请" detail="民政部门给了你邀请码：成为社区两委成员或民政工作人员" onClick={() => go(paths.invitation())} />
  )
}

/** 我的探访, with how many of the people paired with me are due a visit (none said while it loads or fails). */
function MyVisitsEntry() {
  const load = useLoad(() => api.care.myVisits())
  const due = load.status === 'ready' ? load.data.people.filter((p) => visitWanted(p.standing)).length : 0
  return (
    <ListItem
      title="我的探访"
      detail="和我结对的关爱对象，按时上门或打电话"
      extra={due > 0 ? `${due} 位该探访` : undefined}
      onClick={() => go(paths.myVisits())}
    />
  )
}

/** Someone who has not joined (or whose committee declined): the same welcome and way in as 首页, or taking over what the committee registered. */
function NotJoined({ residence }: { residence: ResidenceView | null }) {
  return (
    <View>
      <Welcome declined={residence?.status === 'declined' ? residence : undefined} />
      <ListItem title="社区已经替我登记过" detail="用登记时的姓名和手机号认领账号" onClick={() => go(paths.takeover())} />
      <SettingsAndHelp person={null} />
    </View>
  )
}
