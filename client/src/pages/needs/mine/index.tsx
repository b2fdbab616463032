import { Button } from '@tarojs/components'
import { api } from '../../../api'
import { NeedCard } from '../../../components/need'
import { PageShell } from '../../../components/page-shell'
import { Empty, Loaded } from '../../../components/status'
import { useLoad } from '../../../hooks/use-load'
import { go, paths } from '../../../routes'

/** The needs the person raised, for themself or a neighbour, newest first; each opens its page. */
export default function MyNeedsPage() {
  const load = useLoad(() => api.needs.mine())
  return (
    <PageShell>
      <Loaded load={load}>
        {({ needs }) =>
          needs.length === 0 ? (
            <Empty title="您还没有求助过">遇到难处，点下面的“我要求助”，附近的组织会来帮忙。</Empty>
          ) : (
            needs.map((need) => <NeedCard key={need.id} need={need} onClick={() => go(paths.need(need.id))} />)
          )
        }
      </Loaded>
      <Button className="btn btn-primary btn-block" onClick={() => go(paths.raise())}>
        我要求助
      </Button>
    </PageShell>
  )
}
