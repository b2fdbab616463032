/** 导出我的信息: 我的信息 as an xlsx the person can keep or forward (PIPL Art. 45, the right to a copy). */
import ExcelJS from 'exceljs'
import type { MyData } from '../../shared/contracts/account'
import { inShanghai } from '../../shared/domain/time'

type Cell = string | number

const at = (iso: string) => inShanghai(iso).format('YYYY-MM-DD HH:mm')
const yesNo = (yes: boolean) => (yes ? '是' : '否')

function sheet(book: ExcelJS.Workbook, name: string, headers: string[], rows: Cell[][]): void {
  const ws = book.addWorksheet(name)
  ws.addRow(headers).font = { bold: true }
  for (const row of rows) ws.addRow(row)
  // Wide enough for Chinese text at a glance; the viewer wraps nothing.
  ws.columns.forEach((column) => (column.width = 20))
  if (rows.length === 0) ws.addRow(['（没有）'])
}

export async function myDataWorkbook(data: MyData, now: Date): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  book.created = now
  const { person, timeBank } = data
  sheet(
    book,
    '基本信息',
    ['项目', '内容'],
    [
      ['姓名', person.name],
      ['电话', person.phone ?? ''],
      ['小区/村', person.neighbourhood ?? ''],
      ['详细地址', person.addressDetail ?? ''],
      ['所在社区', person.communityName ?? ''],
      ['出生年份', person.birthYear ?? ''],
      ['独居', person.livesAlone === undefined ? '' : yesNo(person.livesAlone)],
      ['保存了家庭位置', yesNo(person.hasLocation)],
      ['加入时间', at(person.joinedAt)],
      ['导出时间', at(now.toISOString())],
    ],
  )
  sheet(
    book,
    '身份',
    ['身份', '所属'],
    data.roles.map((r) => [r.label, r.scopeName]),
  )
  sheet(
    book,
    '同意',
    ['事项', '记录'],
    data.consents.map((c) => [c.label, c.detail]),
  )
  sheet(
    book,
    '求助',
    ['发起时间', '类型', '状态', '内容', '小区', '详细地址', '联系电话', '替邻居', '照片'],
    data.needs.map((n) => [
      at(n.createdAt),
      n.helpKind,
      n.statusLabel,
      n.description,
      n.neighbourhood,
      n.addressDetail,
      n.contactPhone,
      n.forNeighbour ?? '',
      n.photos,
    ]),
  )
  sheet(
    book,
    '志愿服务',
    ['服务时间', '内容', '组织', '分钟', '入账'],
    data.serviceRecords.map((r) => [at(r.servedAt), r.title, r.organisationName, r.minutes, r.statusLabel]),
  )
  sheet(
    book,
    '时间银行',
    ['时间', '事项', '分钟（收入为正）'],
    [
      ...timeBank.accounts.map((a): Cell[] => ['余额', a.communityName, a.balance]),
      ...timeBank.entries.map((e): Cell[] => [at(e.at), e.title, e.minutes]),
    ],
  )
  sheet(
    book,
    '转赠与兑换',
    ['时间', '事项', '分钟', '状态'],
    [
      ...timeBank.gifts.map((g): Cell[] => [at(g.at), g.given ? `转赠给${g.toName ?? ''}` : '收到转赠', g.minutes, g.statusLabel]),
      ...timeBank.redemptions.map((r): Cell[] => [at(r.at), `兑换：${r.itemName}`, r.priceMinutes, r.statusLabel]),
      ...timeBank.certificates.map((c): Cell[] => [
        at(c.issuedAt),
        `服务证明 ${c.number}（${c.issuerName}，${c.from} 至 ${c.to}）`,
        c.totalMinutes,
        '已开具',
      ]),
      ...(timeBank.volunteer
        ? [
            [
              '',
              `志愿者资料：擅长 ${timeBank.volunteer.skills.join('、') || '未填'}；${timeBank.volunteer.freeTimes.join('、') || '空闲时间未填'}；${
                timeBank.volunteer.range || '距离未填'
              }${timeBank.volunteer.paused ? '；暂停接单' : ''}${timeBank.volunteer.starLabel ? `；${timeBank.volunteer.starLabel}` : ''}`,
              timeBank.volunteer.countedMinutes,
              '',
            ] as Cell[],
          ]
        : []),
      ...(timeBank.realName
        ? [
            [
              at(timeBank.realName.consentAt),
              `实名登记：${timeBank.realName.name}，身份证号 ${timeBank.realName.maskedIdNumber}`,
              '',
              '已同意',
            ] as Cell[],
          ]
        : []),
    ],
  )
  sheet(
    book,
    '活动',
    ['活动', '开始时间', '身份', '状态', '报名时间', '评分', '评价'],
    data.activities.map((a) => [
      a.title,
      a.startAt ? at(a.startAt) : '',
      a.roleLabel,
      a.statusLabel,
      at(a.signedUpAt),
      a.rating ?? '',
      a.comment ?? '',
    ]),
  )
  sheet(
    book,
    '加入组织申请',
    ['组织', '状态', '申请时间', '说明'],
    data.joinRequests.map((r) => [r.organisationName, r.statusLabel, at(r.askedAt), r.reason ?? '']),
  )
  const care = data.care
  sheet(
    book,
    '关爱登记',
    ['项目', '内容'],
    care
      ? [
          ['社区', care.communityName],
          ['姓名', care.name],
          ['电话', care.phone ?? ''],
          ['住址', `${care.neighbourhood} ${care.addressDetail}`],
          ['类别', care.groups.join('、')],
          ['关爱需求', care.careNeeds],
          ['紧急联系人', `${care.emergencyContact.name}（${care.emergencyContact.relation}）${care.emergencyContact.phone}`],
          ['探访频次', care.frequencyLabel],
          ['同意', care.consent],
          ['在册', yesNo(care.active)],
          ['撤回', care.withdrawal ?? ''],
          ...care.visits.map((v): Cell[] => [`探访 ${at(v.visitedAt)}`, `${v.modeLabel}，${v.wellbeingLabel}`]),
        ]
      : [],
  )
  sheet(
    book,
    '照片',
    ['上传时间', '用于', '状态'],
    data.photos.map((p) => [at(p.at), p.of, p.stateLabel]),
  )
  sheet(
    book,
    '谁看过我的联系方式',
    ['时间', '查看人', '事项', '组织'],
    data.viewers.map((v) => [at(v.at), v.name, v.what, v.organisationName ?? '']),
  )
  return Buffer.from(await book.xlsx.writeBuffer())
}
