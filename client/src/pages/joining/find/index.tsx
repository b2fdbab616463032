import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { CommunityChoice } from '../../../../../shared/contracts/joining'
import { api } from '../../../api'
import { BusyButton } from '../../../components/busy-button'
import { TextField } from '../../../components/form'
import { CommunityChoiceCard } from '../../../components/joining'
import { PageShell } from '../../../components/page-shell'
import { usePrivacyConsent } from '../../../components/privacy-consent'
import { Empty } from '../../../components/status'
import { useSubmit } from '../../../hooks/use-submit'
import { go, paths } from '../../../routes'

/**
 * 找社区: by name (the city, district, street or the community's own), or on the phone the nearest
 * to where the person is. The browser demo has no WeChat location, and asking the browser would put a
 * permission prompt before an elderly person at a desktop: there only the name.
 */
export default function FindCommunityPage() {
  const [text, setText] = useState('')
  const [found, setFound] = useState<CommunityChoice[] | null>(null)
  const search = useSubmit({ text })
  const privacy = usePrivacyConsent('用你的位置找最近的社区')

  const byName = () => search.run(async () => setFound((await api.joining.find({ text })).communities))

  const nearMe = () =>
    search.run(async () => {
      if (!(await privacy.ready())) return
      // A fuzzy place is enough to put the nearest first, and it is never stored.
      const here = await Taro.getFuzzyLocation({ type: 'gcj02' })
      setFound((await api.joining.find({ near: [here.longitude, here.latitude] })).communities)
    })

  return (
    <PageShell>
      {privacy.panel}
      {process.env.TARO_ENV === 'weapp' && (
        <BusyButton id="find-near" primary busy={search.busy} label="找离我最近的社区" onClick={nearMe} />
      )}
      <TextField
        id="community-search"
        large
        label="社区名字"
        hint="输入社区、街道或区县的名字，比如“沁园”“张店区”"
        maxlength={20}
        value={text}
        error={search.errorOf('text')}
        onChange={setText}
      />
      <Button id="search-community" className="btn btn-plain btn-block" onClick={byName}>
        搜索
      </Button>
      {search.errorOf() ? <Text className="field-error">{search.errorOf()}</Text> : null}
      {found && found.length === 0 ? <Empty title="没有找到">换个名字试试，或者问一下社区两委。</Empty> : null}
      {found && found.length > 0 ? (
        <View id="found-communities">
          {found.map((community) => (
            <CommunityChoiceCard key={community.id} community={community} onClick={() => go(paths.joinCommunity(community.id))} />
          ))}
        </View>
      ) : null}
    </PageShell>
  )
}
