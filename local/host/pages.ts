/**
 * The local host's own pages: the demo sign-in and the outbox. They exist only here — the
 * mini-program gets its identity from WeChat — so they are plain server-rendered HTML,
 * outside the Taro app.
 */
import { roleLabel } from '../../shared/domain/roles'
import type { OutboxDoc, PersonDoc, RoleDoc } from '../../server/data/documents'

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: -apple-system, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 0; background: #f5f5f0; color: #1a1a1a; font-size: 18px; line-height: 1.6; }
  main { max-width: 640px; margin: 0 auto; padding: 16px; }
  h1 { font-size: 26px; margin: 8px 0 4px; } h2 { font-size: 21px; margin: 24px 0 8px; color: #8a1f11; }
  p.note { color: #444; margin: 0 0 12px; }
  form { margin: 0 0 10px; }
  button.person, button.fresh { display: block; width: 100%; min-height: 64px; text-align: left; padding: 10px 16px; font-size: 19px; border: 2px solid #c9c4b5; border-radius: 12px; background: #fff; color: #1a1a1a; cursor: pointer; }
  button.fresh { border-style: dashed; margin-bottom: 8px; }
  button.person:focus, button.person:hover, button.fresh:focus, button.fresh:hover { border-color: #8a1f11; outline: none; }
  button.person small, button.fresh small { display: block; color: #444; font-size: 16px; }
  table { border-collapse: collapse; width: 100%; background: #fff; font-size: 16px; } td, th { border: 1px solid #ddd; padding: 6px; vertical-align: top; text-align: left; }
  a { color: #8a1f11; }
</style></head><body><main>${body}</main></body></html>`
}

export interface SignInEntry {
  person: PersonDoc
  roles: RoleDoc[]
  communityName: string
  scopeNames: Map<string, string>
}

const roleOrder = ['civil_affairs', 'committee', 'organisation_lead', 'volunteer'] as const

function describe(entry: SignInEntry, year: number): string {
  const { person } = entry
  const facts = [entry.communityName, person.neighbourhood]
  if (person.birthYear) facts.push(`${year - person.birthYear}岁`)
  if (person.livesAlone) facts.push('独居')
  for (const role of entry.roles) {
    const scope = entry.scopeNames.get(role.organisationId ?? role.officeId ?? role.communityId ?? '') ?? ''
    facts.push(`${roleLabel[role.role]}·${scope}`)
  }
  return facts.filter(Boolean).join(' · ')
}

export function signInPage(entries: SignInEntry[], currentOpenid: string | null, year: number): string {
  const groups: { title: string; members: SignInEntry[] }[] = roleOrder.map((role) => ({
    title: roleLabel[role],
    members: entries.filter((e) => e.roles.some((r) => r.role === role)),
  }))
  groups.push({ title: '居民', members: entries.filter((e) => e.roles.length === 0) })
  const current = entries.find((e) => e.person.openid === currentOpenid)
  const body = `
    <h1>邻里守望 · 本地演示登录</h1>
    <p class="note">这个页面只在本地演示环境中存在。小程序里的身份只来自微信。选择一位演示人员，以他的身份使用。</p>
    ${current ? `<p class="note">当前身份：<strong>${escapeHtml(current.person.name)}</strong> · <a href="/">返回首页</a></p>` : ''}
    <form method="post" action="/local/sign-in">
      <input type="hidden" name="fresh" value="1">
      <button class="fresh" type="submit" id="fresh-identity">以新微信用户身份进入<small>一个还没有加入任何社区的微信用户，每次都是新的</small></button>
    </form>
    ${groups
      .map(
        (group) => `<h2>${escapeHtml(group.title)}（${group.members.length}）</h2>
      ${group.members
        .map(
          (entry) => `<form method="post" action="/local/sign-in">
        <input type="hidden" name="openid" value="${escapeHtml(entry.person.openid)}">
        <button class="person" type="submit" data-openid="${escapeHtml(entry.person.openid)}">${escapeHtml(entry.person.name)}<small>${escapeHtml(describe(entry, year))}</small></button>
      </form>`,
        )
        .join('')}`,
      )
      .join('')}
    <p class="note"><a href="/local/outbox">查看本地消息发件箱</a> · <a href="/api">接口清单 /api</a></p>`
  return layout('本地演示登录 · 邻里守望', body)
}

function resultLabel(result: OutboxDoc['result']): string {
  if (!result) return ''
  if (result.status === 'sent') return '已发送'
  if (result.status === 'noConsent') return `用户未订阅（${result.errcode ?? '未发送'}）`
  return result.status === 'refused' ? `拒收（${result.errcode} ${result.errmsg}）` : `发送失败：${result.errmsg}`
}

export function outboxPage(messages: OutboxDoc[]): string {
  const rows = messages
    .map(
      (m) =>
        `<tr><td>${escapeHtml(new Date(m.createdAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }))}</td><td>${escapeHtml(m.channel)}</td><td>${escapeHtml(m.toPhone ?? m.toOpenid ?? '')}</td><td>${escapeHtml(m.template ?? '')}</td><td><code>${escapeHtml(JSON.stringify(m.payload))}</code></td><td>${escapeHtml(resultLabel(m.result))}</td></tr>`,
    )
    .join('')
  return layout(
    '本地发件箱 · 邻里守望',
    `<h1>本地发件箱</h1><p class="note">生产环境中这些消息经微信（订阅消息、内容安全）或腾讯云短信发送。本地只记录在这里，最新的在前。</p>
    <p><a href="/local/sign-in">切换演示身份</a></p>
    ${messages.length === 0 ? '<p>还没有消息。</p>' : `<table><tr><th>时间</th><th>渠道</th><th>接收人</th><th>模板</th><th>内容</th><th>结果</th></tr>${rows}</table>`}`,
  )
}

export function missingBuildPage(): string {
  return layout('邻里守望', '<h1>还没有构建 H5 客户端</h1><p>请先运行 <code>npm run build:h5</code>，或直接用 <code>npm start</code>。</p>')
}
