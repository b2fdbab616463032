import { Button, View } from '@tarojs/components'
import { useState } from 'react'
import type { RegisterRow } from '../../../../../shared/contracts/care'
import { careGroupSchema } from '../../../../../shared/domain/care'
import type { SpecialNeedGroup } from '../../../../../shared/domain/vocabulary'
import { api } from '../../../api'
import { RegisterRowCard } from '../../../components/care'
import { Choices, Field } from '../../../components/form'
import { ListItem, SectionHeader } from '../../../components/list'
import { PageShell } from '../../../components/page-shell'
import { Empty, Loaded } from '../../../components/status'
import { useLoad } from '../../../hooks/use-load'
import { go, paths, usePageParams } from '../../../routes'

const ALL = '全部'
type Standing = Exclude<NonNullable<RegisterRow['standing']>, 'upcoming'>
/** The filter's own words: short enough for a chip. */
const standingFilters: Record<Standing, string> = { due_soon: '本周应探访', overdue: '已逾期', escalated: '已报两委' }

/** 关爱对象: the community's register, overdue first; those who withdrew consent apart at the end. */
export default function CareRegisterPage() {
  const { communityId = '' } = usePageParams()
  const [standing, setStanding] = useState<typeof ALL | Standing>(ALL)
  const [group, setGroup] = useState<typeof ALL | SpecialNeedGroup>(ALL)
  return (
    <PageShell>
      <Button id="care-add" className="btn btn-primary btn-block" onClick={() => go(paths.careAdd(communityId))}>
        登记关爱对象
      </Button>
      <View className="card">
        <ListItem title="探访情况" detail="每月探访率（目标 100%），按类别看" onClick={() => go(paths.careOverview(communityId))} />
      </View>
      <Field label="探访">
        <Choices<typeof ALL | Standing>
          options={[ALL, ...(Object.keys(standingFilters) as Standing[])]}
          chosen={[standing]}
          labelOf={(option) => (option === ALL ? ALL : standingFilters[option])}
          onToggle={setStanding}
        />
      </Field>
      <Field label="类别">
        <Choices<typeof ALL | SpecialNeedGroup> options={[ALL, ...careGroupSchema.options]} chosen={[group]} onToggle={setGroup} />
      </Field>
      {/* Keyed by the filters: each choice is its own list, loaded afresh. */}
      <Register
        key={`${standing}:${group}`}
        communityId={communityId}
        standing={standing === ALL ? undefined : standing}
        group={group === ALL ? undefined : group}
      />
    </PageShell>
  )
}

function Register({ communityId, standing, group }: { communityId: string; standing?: Standing; group?: SpecialNeedGroup }) {
  // Those who withdrew are not visited, so a filter by visits leaves them out.
  const load = useLoad(() => api.care.registerList({ communityId, standing, group, includeWithdrawn: standing === undefined }))
  const open = (row: RegisterRow) => go(paths.carePerson(row.entryId))
  return (
    <Loaded load={load}>
      {({ entries }) => {
        const active = entries.filter((row) => row.active)
        const withdrawn = entries.filter((row) => !row.active)
        const filtered = standing !== undefined || group !== undefined
        return (
          <View id="register">
            <SectionHeader title={`在册 ${active.length} 人`} />
            {active.length === 0 ? (
              filtered ? (
                <Empty title="没有符合条件的关爱对象" />
              ) : (
                <Empty title="还没有登记关爱对象">经本人或监护人同意后，点上面的“登记关爱对象”。</Empty>
              )
            ) : (
              active.map((row) => <RegisterRowCard key={row.entryId} row={row} onClick={() => open(row)} />)
            )}
            {withdrawn.length > 0 && (
              <View id="register-withdrawn">
                <SectionHeader title={`已撤回同意 ${withdrawn.length} 人`} hint="不在册，不再探访；记录留存备查" />
                {withdrawn.map((row) => (
                  <RegisterRowCard key={row.entryId} row={row} onClick={() => open(row)} />
                ))}
              </View>
            )}
          </View>
        )
      }}
    </Loaded>
  )
}
