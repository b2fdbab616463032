import { PageShell } from '../../components/page-shell'
import { Empty } from '../../components/status'

export default function TimeBankPage() {
  return (
    <PageShell>
      <Empty title='时间银行还没有记录'>参加志愿服务的时长会存在这里，每一笔都有记录。</Empty>
    </PageShell>
  )
}
