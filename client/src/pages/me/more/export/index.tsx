import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { ExportFile } from '../../../../../../shared/contracts/reports'
import { api, openExport } from '../../../../api'
import { BusyButton } from '../../../../components/busy-button'
import { CopyLink } from '../../../../components/copy-link'
import { SectionHeader } from '../../../../components/list'
import { PageShell } from '../../../../components/page-shell'
import { useSubmit } from '../../../../hooks/use-submit'

/** 导出: everything 我的信息 shows, as an Excel file to keep or forward (PIPL Art. 45, the right to a copy). */
export default function ExportMyDataPage() {
  const submit = useSubmit()
  const [file, setFile] = useState<ExportFile | null>(null)
  const make = () =>
    submit.run(async () => {
      const made = await api.account.exportData()
      setFile(made)
      await openExport(made)
    })
  return (
    <PageShell>
      <View className="card">
        <SectionHeader title="导出我的信息" hint="Excel 表格：基本信息、求助、志愿服务、时间银行、活动、关爱登记、谁看过我的联系方式" />
        <Text className="card-text">文件里有你的电话和住址，请只转发给你信任的人。</Text>
        <BusyButton id="export" primary busy={submit.busy} label="导出" onClick={() => void make()} />
        {submit.errorOf() ? <Text className="field-error">{submit.errorOf()}</Text> : null}
        {file ? (
          <View className="note">
            <Text>已生成：{file.fileName}</Text>
            {process.env.TARO_ENV === 'weapp' ? <CopyLink url={file.url} /> : null}
          </View>
        ) : null}
      </View>
    </PageShell>
  )
}
