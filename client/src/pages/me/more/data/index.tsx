import { Button, Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { MyData } from '../../../../../../shared/contracts/account'
import { api } from '../../../../api'
import { Fact, ListItem, SectionHeader } from '../../../../components/list'
import { PageShell } from '../../../../components/page-shell'
import { Loaded } from '../../../../components/status'
import { formatDate, formatDateTime, formatMinutes, formatSignedMinutes } from '../../../../format'
import { useLoad } from '../../../../hooks/use-load'
import { go, paths } from '../../../../routes'

/** 我的信息: everything stored about me, where it came from, and who saw my phone or address (PIPL Art. 44–45). */
export default function MyDataPage() {
  // Loaded again on the way back from 修改 or 撤回同意 (useLoad).
  const load = useLoad(() => api.account.myData())
  return (
    <PageShell>
      <Loaded load={load}>{(data) => <Everything data={data} />}</Loaded>
    </PageShell>
  )
}

/** A section with its lines, or 没有 when there are none: an empty section still says it was looked for. */
function Section({ title, hint, count, children }: { title: string; hint?: string; count: number; children: ReactNode }) {
  return (
    <View className="card">
      <SectionHeader title={title} hint={hint} />
      {count === 0 ? <Text className="card-text">没有</Text> : children}
    </View>
  )
}

/** One stored thing: what it is, then its details. */
function Line({ title, detail }: { title: string; detail: string }) {
  return <Fact label={title}>{detail}</Fact>
}

function Everything({ data }: { data: MyData }) {
  const { person, timeBank } = data
  return (
    <View>
      <View className="card">
        <SectionHeader title="我的基本信息" hint="只有你自己能在这里看到全部" />
        <Fact label="姓名">{person.name}</Fact>
        <Fact label="电话">{person.phone ?? '未填写'}</Fact>
        <Fact label="住址">{[person.neighbourhood, person.addressDetail].filter(Boolean).join(' ') || '未填写'}</Fact>
        {person.communityName ? <Fact label="社区">{person.communityName}</Fact> : null}
        {person.birthYear ? <Fact label="出生年份">{person.birthYear}</Fact> : null}
        {person.livesAlone === undefined ? null : <Fact label="独居">{person.livesAlone ? '是' : '否'}</Fact>}
        <Fact label="家庭位置">{person.hasLocation ? '已保存' : '没有保存'}</Fact>
        <Fact label="加入时间">{formatDate(person.joinedAt)}</Fact>
        <Button id="edit-my-data" className="btn btn-primary btn-block" onClick={() => go(paths.editMyData())}>
          修改姓名、电话、住址
        </Button>
      </View>

      <Section title="谁看过我的联系方式" hint="查看你电话或住址的记录，最近的在前" count={data.viewers.length}>
        {data.viewers.map((v, i) => (
          <Line
            key={i}
            title={`${v.name}${v.organisationName ? `（${v.organisationName}）` : ''}`}
            detail={`${formatDateTime(v.at)} ${v.what}`}
          />
        ))}
      </Section>

      <Section title="我的身份" count={data.roles.length}>
        {data.roles.map((r, i) => (
          <Line key={i} title={r.label} detail={r.scopeName} />
        ))}
      </Section>

      <Section title="我给过的同意" count={data.consents.length}>
        {data.consents.map((c) => (
          <Line key={c.kind} title={c.label} detail={c.detail} />
        ))}
        <ListItem title="撤回同意" detail="撤回前会告诉你撤回后会怎样" onClick={() => go(paths.consents())} />
      </Section>

      <Section title="我发起的求助" count={data.needs.length}>
        {data.needs.map((n) => (
          <Line
            key={n.id}
            title={`${n.helpKind} · ${n.statusLabel}`}
            detail={`${formatDateTime(n.createdAt)}｜${n.description}｜${n.neighbourhood} ${n.addressDetail}｜${n.contactPhone}${n.photos ? `｜照片 ${n.photos} 张` : ''}`}
          />
        ))}
      </Section>

      <Section title="我的志愿服务记录" count={data.serviceRecords.length}>
        {data.serviceRecords.map((r, i) => (
          <Line
            key={i}
            title={r.title}
            detail={`${formatDate(r.servedAt)}｜${r.organisationName}｜${formatMinutes(r.minutes)}｜${r.statusLabel}`}
          />
        ))}
      </Section>

      <Section title="我的时间银行" count={timeBank.accounts.length + timeBank.entries.length}>
        {timeBank.accounts.map((a, i) => (
          <Line key={`a${i}`} title={`余额 ${formatMinutes(a.balance)}`} detail={a.communityName} />
        ))}
        {timeBank.entries.map((e, i) => (
          <Line key={`e${i}`} title={e.title} detail={`${formatDateTime(e.at)}｜${formatSignedMinutes(e.minutes)}`} />
        ))}
      </Section>

      <Section title="转赠、兑换和服务证明" count={timeBank.gifts.length + timeBank.redemptions.length + timeBank.certificates.length}>
        {timeBank.gifts.map((g, i) => (
          <Line
            key={`g${i}`}
            title={g.given ? `转赠给${g.toName ?? ''}` : '收到转赠'}
            detail={`${formatDate(g.at)}｜${formatMinutes(g.minutes)}｜${g.statusLabel}`}
          />
        ))}
        {timeBank.redemptions.map((r, i) => (
          <Line
            key={`r${i}`}
            title={`兑换：${r.itemName}`}
            detail={`${formatDate(r.at)}｜${formatMinutes(r.priceMinutes)}｜${r.statusLabel}`}
          />
        ))}
        {timeBank.certificates.map((c) => (
          <Line key={c.number} title={`服务证明 ${c.number}`} detail={`${c.from} 至 ${c.to}｜${formatMinutes(c.totalMinutes)}`} />
        ))}
      </Section>

      <Section title="志愿者资料和实名登记" count={(timeBank.volunteer ? 1 : 0) + (timeBank.realName ? 1 : 0)}>
        {timeBank.volunteer ? (
          <Line
            title={`擅长：${timeBank.volunteer.skills.join('、') || '未填'}`}
            detail={[
              timeBank.volunteer.freeTimes.join('、') || '空闲时间未填',
              timeBank.volunteer.range || '距离未填',
              timeBank.volunteer.paused ? '暂停接单' : '',
              timeBank.volunteer.starLabel,
            ]
              .filter(Boolean)
              .join('｜')}
          />
        ) : null}
        {timeBank.realName ? (
          <Line
            title={`实名登记：${timeBank.realName.name}`}
            detail={`身份证号 ${timeBank.realName.maskedIdNumber}｜${formatDate(timeBank.realName.consentAt)} 同意`}
          />
        ) : null}
      </Section>

      <Section title="我报名的活动和评价" count={data.activities.length}>
        {data.activities.map((a, i) => (
          <Line
            key={i}
            title={a.title}
            detail={`${a.roleLabel}｜${a.statusLabel}${a.rating ? `｜${a.rating} 星` : ''}${a.comment ? `｜${a.comment}` : ''}`}
          />
        ))}
      </Section>

      <Section title="加入组织的申请" count={data.joinRequests.length}>
        {data.joinRequests.map((r, i) => (
          <Line
            key={i}
            title={r.organisationName}
            detail={`${formatDate(r.askedAt)}｜${r.statusLabel}${r.reason ? `｜${r.reason}` : ''}`}
          />
        ))}
      </Section>

      <CareSection care={data.care} />

      <Section title="我上传的照片" count={data.photos.length}>
        {data.photos.map((p, i) => (
          <Line key={i} title={`${p.of}照片`} detail={`${formatDate(p.at)}｜${p.stateLabel}`} />
        ))}
      </Section>

      <View className="card">
        <ListItem title="导出我的信息" detail="Excel 表格，可以保存或转发" onClick={() => go(paths.exportMyData())} />
        <ListItem title="注销账号" detail="注销前会告诉你删除什么、保留什么" onClick={() => go(paths.closeAccount())} />
      </View>
    </View>
  )
}

/** The register entry the committee linked to me; if I am on the register but it is not linked, the committee can link it. */
function CareSection({ care }: { care: MyData['care'] }) {
  if (!care) {
    return (
      <View className="card">
        <SectionHeader title="社区关爱登记" />
        <Text className="card-text">没有与你的账号关联的关爱登记。如果社区登记过你而这里没有显示，请联系社区两委核实身份后关联。</Text>
      </View>
    )
  }
  return (
    <View className="card">
      <SectionHeader title="社区关爱登记" hint={care.active ? '在册，定期探访' : '已撤回同意'} />
      <Fact label="社区">{care.communityName}</Fact>
      <Fact label="登记姓名">{care.name}</Fact>
      <Fact label="电话">{care.phone ?? '未登记'}</Fact>
      <Fact label="住址">{`${care.neighbourhood} ${care.addressDetail}`}</Fact>
      <Fact label="类别">{care.groups.join('、')}</Fact>
      <Fact label="关爱需求">{care.careNeeds}</Fact>
      <Fact label="紧急联系人">{`${care.emergencyContact.name}（${care.emergencyContact.relation}）${care.emergencyContact.phone}`}</Fact>
      <Fact label="探访">{care.frequencyLabel}</Fact>
      <Fact label="同意">{care.consent}</Fact>
      {care.withdrawal ? <Fact label="撤回">{care.withdrawal}</Fact> : null}
      {care.visits.map((v, i) => (
        <Line key={i} title={formatDate(v.visitedAt)} detail={`${v.modeLabel}｜${v.wellbeingLabel}`} />
      ))}
    </View>
  )
}
