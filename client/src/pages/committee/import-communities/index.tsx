import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { ImportOutcome } from '../../../../../shared/contracts/community'
import { api, chooseAndUploadSheet } from '../../../api'
import { BusyButton } from '../../../components/busy-button'
import { ExportButton } from '../../../components/figures'
import { ListItem, SectionHeader } from '../../../components/list'
import { PageShell } from '../../../components/page-shell'
import { useSubmit } from '../../../hooks/use-submit'
import { go, paths, usePageParams } from '../../../routes'

/**
 * 民政: the office's communities from an xlsx (decision 034). The sheet is uploaded and the function
 * reads it by its file id, on the phone (from a WeChat chat) and in the browser alike.
 */
export default function ImportCommunitiesPage() {
  const { officeId = '' } = usePageParams()
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null)
  const [nothingChosen, setNothingChosen] = useState(false)
  const submit = useSubmit()

  const importSheet = () =>
    void submit.run(async () => {
      setNothingChosen(false)
      const fileId = await chooseAndUploadSheet()
      if (fileId === null) return setNothingChosen(true)
      setOutcome(await api.community.importCommunities({ officeId, fileId }))
    })

  return (
    <PageShell>
      <View className="card">
        <SectionHeader
          title="选择表格并导入"
          hint={
            process.env.TARO_ENV === 'weapp'
              ? '先在电脑上把表格（.xlsx）发到自己的微信聊天里，再在这里选它'
              : '选电脑上的表格（.xlsx）；列名和模板一样就行，顺序可以不同'
          }
        />
        <BusyButton id="import-sheet" primary busy={submit.busy} label="选择表格并导入" onClick={importSheet} />
        {nothingChosen ? <Text className="note">没有选表格</Text> : null}
        {submit.errorOf() ? <Text className="field-error">{submit.errorOf()}</Text> : null}
      </View>
      {outcome ? <Outcome outcome={outcome} /> : null}
      <ExportButton
        id="template"
        title="还没有表格？"
        hint="下载模板，每行填一个社区：名称、类型、街道、中心经纬度、服务半径、两委电话"
        label="下载模板"
        make={() => api.community.communityTemplate({ officeId })}
      />
    </PageShell>
  )
}

function Outcome({ outcome }: { outcome: ImportOutcome }) {
  if (outcome.outcome === 'refused') {
    return (
      <View className="card" id="import-problems">
        <SectionHeader title="表格有问题，一个社区也没有添加" hint="改好下面每一处，再导入一次" />
        {outcome.problems.map((p) => (
          <Text className="field-error" key={`${p.row}:${p.column}:${p.header}`}>
            第 {p.row} 行{p.column ? ` ${p.column} 列` : ''}
            {p.header ? `“${p.header}”` : ''}：{p.message}
          </Text>
        ))}
      </View>
    )
  }
  const added = outcome.rows.filter((r) => r.added).length
  return (
    <View className="card" id="import-done">
      <SectionHeader
        title={`已添加 ${added} 个社区`}
        hint={added < outcome.rows.length ? `${outcome.rows.length - added} 个原来就有，没有重复添加` : '下一步：点社区，邀请它的两委成员'}
      />
      {outcome.rows.map((r) => (
        <ListItem
          key={r.communityId}
          title={r.name}
          detail={`第 ${r.row} 行 · ${r.street} · ${r.added ? '新添加' : '原来就有'}`}
          extra="邀请两委"
          onClick={() => go(paths.inviteCommittee(r.communityId))}
        />
      ))}
    </View>
  )
}
