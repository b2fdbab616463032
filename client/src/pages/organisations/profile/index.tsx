import { Button, Text, View } from '@tarojs/components'
import type { OrganisationProfile } from '../../../../../shared/contracts/organisations'
import { yuanLabel } from '../../../../../shared/domain/evaluation'
import { api } from '../../../api'
import { CallButton } from '../../../components/call-button'
import { ListItem, MorePages, SectionHeader, Stats } from '../../../components/list'
import { GradeLine, ReportCard } from '../../../components/evaluation'
import { OrganisationCard } from '../../../components/organisation-card'
import { PageShell } from '../../../components/page-shell'
import { TakenDownNotice } from '../../../components/moderation'
import { Empty, Loaded } from '../../../components/status'
import { formatDate, formatDistance, formatRating, walkingMinutes } from '../../../format'
import { useLoad } from '../../../hooks/use-load'
import { usePages } from '../../../hooks/use-pages'
import { go, paths, usePageParams } from '../../../routes'
import { sitsOnCommittee, useRoles } from '../../../state/me'

export default function ProfilePage() {
  const { id = '' } = usePageParams()
  const load = useLoad(() => api.organisations.profile({ organisationId: id }))
  return (
    <PageShell>
      <Loaded load={load}>{({ organisation }) => <Profile organisation={organisation} />}</Loaded>
    </PageShell>
  )
}

function Profile({ organisation }: { organisation: OrganisationProfile }) {
  const { serviceArea } = organisation
  return (
    <View>
      <TakenDownNotice takenDown={organisation.takenDown} />
      <OrganisationCard organisation={organisation}>
        <Text className="card-text">{organisation.description}</Text>
        <Stats
          items={[
            { label: '完成求助', value: organisation.tasksCompleted },
            { label: '举办活动', value: organisation.activitiesHeld },
          ]}
        />
        <Text className="card-text">{formatRating(organisation.rating)}</Text>
      </OrganisationCard>
      <View className="card">
        <SectionHeader title="服务范围" />
        <Text className="card-text">
          {organisation.communityName}，方圆 {formatDistance(serviceArea.radiusM)}（{walkingMinutes(serviceArea.radiusM)}）
        </Text>
        <SectionHeader title="章程摘要" />
        <Text className="card-text">{organisation.charterSummary}</Text>
        {organisation.approvedAt ? <Text className="card-label">{formatDate(organisation.approvedAt)} 经社区两委备案</Text> : null}
      </View>
      <View className="card">
        <SectionHeader title="联系这个组织" />
        <CallButton phone={organisation.contactPhone} primary />
      </View>
      <Openness organisation={organisation} />
      <CommitteeLink organisation={organisation} />
    </View>
  )
}

/** 信息公开 (decision 052): grades, charges, money, reports, activities and the committee's decisions. */
function Openness({ organisation }: { organisation: OrganisationProfile }) {
  const load = useLoad(() => api.evaluation.openness({ organisationId: organisation.id }), [organisation.id])
  const ledger = usePages(async (cursor) => {
    const page = await api.evaluation.openness({ organisationId: organisation.id, ...(cursor ? { ledgerCursor: cursor } : {}) })
    return page.ledger ?? { entries: [] }
  })
  const roles = useRoles()
  const leads = roles.some((role) => role.role === 'organisation_lead' && role.organisationId === organisation.id)
  return (
    <Loaded load={load}>
      {(open) => (
        <View>
          {open.canReview ? (
            <Button id="give-review" className="btn btn-primary btn-block" onClick={() => go(paths.orgReview(organisation.id))}>
              评议这个组织
            </Button>
          ) : null}
          {open.reviewed ? <Text className="card-label">今年您已评议过</Text> : null}
          <View className="card" id="grades">
            <SectionHeader title="两委年度评定" />
            {open.grades.length === 0 ? (
              <Text className="card-text">还没有评定</Text>
            ) : (
              open.grades.map((g) => <GradeLine key={g.year} grade={g} />)
            )}
          </View>
          <View className="card">
            <SectionHeader title="收费标准" />
            {open.charges === null ? (
              <Text className="card-text">还没有公开</Text>
            ) : open.charges.free ? (
              <Text className="card-text">全部免费</Text>
            ) : (
              open.charges.items.map((c, i) => (
                <Text key={i} className="card-text">
                  {c.item}：{yuanLabel(c.amountFen)} / {c.unit}
                </Text>
              ))
            )}
          </View>
          {open.ledger ? (
            <View className="card">
              <SectionHeader title="收支公开" hint="所服务社区的居民可见" />
              <Loaded load={ledger.load}>
                {(page) =>
                  page.entries.length === 0 ? (
                    <Text className="card-text">还没有记账</Text>
                  ) : (
                    <View>
                      {page.entries.map((e) => (
                        <Text key={e.id} className="card-text">
                          {e.day} {e.directionLabel} {yuanLabel(e.amountFen)}：{e.purpose}
                        </Text>
                      ))}
                      <MorePages more={ledger.more} />
                    </View>
                  )
                }
              </Loaded>
            </View>
          ) : null}
          <SectionHeader title="工作报告" />
          {open.reports.length === 0 ? <Empty title="还没有提交工作报告" /> : open.reports.map((r) => <ReportCard key={r.id} report={r} />)}
          <View className="card">
            <SectionHeader title="近期活动" />
            {open.activities.length === 0 ? (
              <Text className="card-text">还没有活动</Text>
            ) : (
              open.activities.map((a) => (
                <ListItem
                  key={a.id}
                  title={a.title}
                  detail={`${formatDate(a.startAt)} · ${a.statusLabel}`}
                  onClick={() => go(paths.activity(a.id))}
                />
              ))
            )}
          </View>
          {open.decisions.length > 0 ? (
            <View className="card">
              <SectionHeader title="两委的决定" />
              {open.decisions.map((d, i) => (
                <Text key={i} className="card-text">
                  {formatDate(d.at)} {d.actionLabel}
                  {d.reason ? `：${d.reason}` : ''}
                </Text>
              ))}
            </View>
          ) : null}
          {leads ? (
            <View>
              <Button className="btn btn-plain btn-block" onClick={() => go(paths.orgReport(organisation.id))}>
                写工作报告
              </Button>
              <Button className="btn btn-plain btn-block" onClick={() => go(paths.orgMoney(organisation.id))}>
                记账与收费标准
              </Button>
            </View>
          ) : null}
        </View>
      )}
    </Loaded>
  )
}

/** The committee over this organisation (and civil affairs) go on to its 评估 record from here. */
function CommitteeLink({ organisation }: { organisation: OrganisationProfile }) {
  const roles = useRoles()
  const oversees = sitsOnCommittee(roles, organisation.communityId) || roles.some((role) => role.role === 'civil_affairs')
  if (!oversees) return null
  return (
    <View>
      <Button className="btn btn-plain btn-block" onClick={() => go(paths.record(organisation.id))}>
        查看评估记录（两委）
      </Button>
      <Button id="go-evaluation" className="btn btn-plain btn-block" onClick={() => go(paths.orgEvaluation(organisation.id))}>
        年度评估评议（两委）
      </Button>
    </View>
  )
}
