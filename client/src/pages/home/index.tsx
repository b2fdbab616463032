import { Button, Text, View } from '@tarojs/components'
import type { PersonView } from '../../../../shared/contracts/account'
import type { ResidenceView } from '../../../../shared/contracts/joining'
import { CommunityCard } from '../../components/community-card'
import { ElderHome } from '../../components/elder-home'
import { ElderModeSwitch } from '../../components/elder-mode-switch'
import { CommitteePart, EmergencyStrip, LeadPart, OfficePart, ResidentPart, useHome, WaitingList } from '../../components/home'
import { PendingResidence, useResidence, Welcome } from '../../components/joining'
import { ListItem } from '../../components/list'
import { PageShell } from '../../components/page-shell'
import { Loaded, LoadError, Loading } from '../../components/status'
import { go, paths } from '../../routes'
import { useElderMode } from '../../state/elder-mode'
import { useMe } from '../../state/me'

/**
 * 首页: on opening the app, what waits for this person. A resident's one main action (我要求助) and
 * the emergency numbers first; then, for every role they hold, one list of what waits, most urgent
 * first; then each role's own standing.
 */
export default function HomePage() {
  const me = useMe()
  const residence = useResidence()
  const elder = useElderMode().on
  return (
    <PageShell>
      <ElderModeSwitch id="home-elder-mode-switch" compact />
      {me.status === 'loading' && <Loading />}
      {me.status === 'error' && <LoadError message={me.message} onRetry={me.reload} />}
      {me.status === 'ready' &&
        (me.person && (me.person.community || me.person.roles.length > 0) ? (
          // 长辈版 (decision 037): large tiles for a resident who holds no other role; anyone who also
          // serves or oversees keeps the list of what waits, in large text.
          elder && me.person.community && me.person.roles.every((r) => r.role === 'resident') ? (
            <ElderHome person={me.person} community={me.person.community} residence={residence} />
          ) : (
            <RoleHome person={me.person} residence={residence} />
          )
        ) : (
          <Welcome declined={residence?.status === 'declined' ? residence : undefined} />
        ))}
    </PageShell>
  )
}

function RoleHome({ person, residence }: { person: PersonView; residence: ResidenceView | null }) {
  const load = useHome()
  const roles = new Set(person.roles.map((r) => r.role))
  const leads = roles.has('organisation_lead')
  const serves = leads || roles.has('volunteer')
  return (
    <View>
      <Text className="greeting">{person.name}，您好</Text>
      {person.community ? (
        <View>
          {/* The page's one main action: asking for help, whether or not the committee has confirmed them yet. */}
          <Button id="raise-need" className="btn btn-primary btn-block btn-hero" onClick={() => go(paths.raise())}>
            我要求助
          </Button>
          <EmergencyStrip committeePhone={person.community.committeePhone} />
          {residence?.status === 'pending' ? <PendingResidence residence={residence} /> : null}
        </View>
      ) : null}
      <Loaded load={load}>
        {(home) => (
          <View>
            <WaitingList items={home.items} />
            {home.committee.length > 0 ? <CommitteePart committee={home.committee} /> : null}
            {home.offices.length > 0 ? <OfficePart offices={home.offices} /> : null}
            {home.lead ? <LeadPart lead={home.lead} /> : null}
            {home.resident ? <ResidentPart resident={home.resident} /> : null}
          </View>
        )}
      </Loaded>
      <View className="card">
        {serves && !leads ? (
          <ListItem id="my-tasks" title="我的任务" detail="负责人安排给我的求助" onClick={() => go(paths.offers())} />
        ) : null}
        {serves ? <ListItem title="我的探访" detail="和我结对的关爱对象" onClick={() => go(paths.myVisits())} /> : null}
        {person.community ? (
          <ListItem title="我的求助" detail="看求助的进展，帮得好不好说一说" onClick={() => go(paths.myNeeds())} />
        ) : null}
        {person.community ? <ListItem title="附近的组织" detail="身边能帮忙的社区社会组织" onClick={() => go(paths.nearby())} /> : null}
      </View>
      {person.community ? <CommunityCard community={person.community} /> : null}
    </View>
  )
}
