import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { communityKindLabel, communityKindSchema, defaultRadiusM, type CommunityKind } from '../../../../../shared/domain/community'
import { api } from '../../../api'
import { BusyButton } from '../../../components/busy-button'
import { Choices, Field, TextField } from '../../../components/form'
import { PageShell } from '../../../components/page-shell'
import { PlaceField, type Place } from '../../../components/place-field'
import { Loaded } from '../../../components/status'
import { formatDistance } from '../../../format'
import { useLoad } from '../../../hooks/use-load'
import { useSubmit } from '../../../hooks/use-submit'
import { go, paths, usePageParams } from '../../../routes'

/** A few blocks in town up to a township's villages; the kind's own default is among them. */
const radiusChoices = ['300', '600', '1000', '1500', '3000']

/** 民政: one community added by hand, its centre picked on WeChat's map (decision 034). */
export default function AddCommunityPage() {
  const { officeId = '' } = usePageParams()
  const load = useLoad(() => api.community.office({ officeId }))
  return (
    <PageShell>
      <Loaded load={load}>{(office) => <AddCommunityForm officeId={officeId} where={`${office.city}${office.district}`} />}</Loaded>
    </PageShell>
  )
}

function AddCommunityForm({ officeId, where }: { officeId: string; where: string }) {
  const [name, setName] = useState('')
  const [kind, setKind] = useState<CommunityKind>('urban')
  const [street, setStreet] = useState('')
  const [centre, setCentre] = useState<Place | null>(null)
  const [radiusM, setRadiusM] = useState(defaultRadiusM.urban)
  const [committeePhone, setCommitteePhone] = useState('')
  const [added, setAdded] = useState<{ communityId: string; name: string } | null>(null)
  const [noCentre, setNoCentre] = useState(false)
  const submit = useSubmit({ name, kind, street, centre, serviceArea: radiusM, committeePhone })

  const add = () => {
    setNoCentre(!centre)
    if (!centre) return
    void submit.run(async () => {
      const { communityId } = await api.community.addCommunity({
        officeId,
        name,
        kind,
        street,
        centre: centre.lngLat,
        serviceArea: { kind: 'radius', radiusM },
        committeePhone,
      })
      setAdded({ communityId, name })
    })
  }

  if (added) {
    return (
      <View>
        <View className="status" id="community-added">
          <Text className="status-title">已添加{added.name}</Text>
          <Text className="status-text">下一步：请社区两委的一位成员用邀请加入，他就能在小程序里管理这个社区。</Text>
        </View>
        <BusyButton primary busy={false} label="邀请两委成员" onClick={() => go(paths.inviteCommittee(added.communityId))} />
      </View>
    )
  }
  return (
    <View className="card">
      <Text className="page-hint">新社区属于{where}。</Text>
      <TextField id="community-name" label="社区名称" maxlength={30} value={name} error={submit.errorOf('name')} onChange={setName} />
      <Field label="类型" error={submit.errorOf('kind')}>
        <Choices<CommunityKind>
          options={communityKindSchema.options}
          chosen={[kind]}
          labelOf={(k) => communityKindLabel[k]}
          onToggle={(k) => {
            setKind(k)
            setRadiusM(defaultRadiusM[k])
          }}
        />
      </Field>
      <TextField
        id="community-street"
        label="所属街道（镇）"
        maxlength={30}
        value={street}
        error={submit.errorOf('street')}
        onChange={setStreet}
      />
      <PlaceField
        label="社区中心"
        shownAs="中心"
        home="还没有选"
        weappHint="在地图上点社区办公地点（党群服务中心）"
        hint="浏览器演示版不能在地图上选点：请在手机上添加，或从表格导入"
        place={centre}
        error={submit.errorOf('centre') ?? (noCentre ? '请在地图上选社区中心' : undefined)}
        onChange={setCentre}
      />
      <Field label="服务范围" hint="以中心为圆心，多远以内的求助归本社区" error={submit.errorOf('serviceArea')}>
        <Choices
          options={radiusChoices}
          chosen={[String(radiusM)]}
          labelOf={(m) => formatDistance(Number(m))}
          onToggle={(m) => setRadiusM(Number(m))}
        />
      </Field>
      <TextField
        id="community-phone"
        label="两委电话"
        hint="居民遇到危及生命安全的事，会和 110、120 一起看到这个电话"
        maxlength={13}
        value={committeePhone}
        error={submit.errorOf('committeePhone')}
        onChange={setCommitteePhone}
      />
      {submit.errorOf() ? <Text className="field-error">{submit.errorOf()}</Text> : null}
      <BusyButton id="add-community" primary busy={submit.busy} label="添加社区" onClick={add} />
    </View>
  )
}
