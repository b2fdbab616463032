import { PageShell } from '../../components/page-shell'
import { Empty } from '../../components/status'

export default function ActivitiesPage() {
  return (
    <PageShell>
      <Empty title='本社区暂时还没有活动'>社区组织发布活动后，会在这里显示，可以直接报名。</Empty>
    </PageShell>
  )
}
