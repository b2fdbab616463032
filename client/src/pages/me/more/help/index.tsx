import { Text, View } from '@tarojs/components'
import { EMERGENCY_NUMBERS } from '../../../../../../shared/domain/need'
import { ListItem } from '../../../../components/list'
import { PageShell } from '../../../../components/page-shell'
import { go, paths } from '../../../../routes'

const emergencyNumbers = EMERGENCY_NUMBERS.map((n) => `${n.number}（${n.label}）`).join('、')

/** Plain answers to what people ask first; each a card, the question in large type. */
const answers = [
  {
    question: '怎样求助？',
    answer: [
      '在首页点“我要求助”，选要什么帮助、有多急，说一说情况和地点，点“发出求助”。',
      '附近的社区组织会收到，有人接单后您会收到消息，也能在“我的 → 我的求助”看到进展。帮您办完后，请点“已解决”并评价。',
    ],
  },
  {
    question: '什么算“危及生命安全”？',
    answer: [
      `有人受伤、突发疾病、摔倒起不来、着火、煤气泄漏、有人闯入：这些都算。请先打 ${emergencyNumbers}，不要等。`,
      '选了“危及生命安全”，页面会先给您这些电话和社区的电话；求助发出后，社区值班的人会马上收到短信。',
    ],
  },
  {
    question: '时间银行是什么？',
    answer: [
      '做志愿服务的时间记在您的时间银行里，一分钟算一分钟。帮邻居办完一件事、参加活动签到后，时间会记进来。',
      '时间可以送给家人或邻居，可以兑换社区准备的物品和服务，也可以开一张服务证明。',
    ],
  },
  {
    question: '我的信息谁能看到？',
    answer: [
      '求助时，接单前的组织只看到小区和大概的距离，看不到您的姓名、门牌和电话；接单后，来帮您的人才看得到。',
      '在“我的 → 我的信息”里，能看到保存了什么、谁看过，也能修改、导出、撤回同意或注销账号。',
    ],
  },
]

export default function HelpPage() {
  return (
    <PageShell>
      {answers.map((item) => (
        <View className="card answer" key={item.question}>
          <Text className="answer-question">{item.question}</Text>
          {item.answer.map((paragraph) => (
            <Text className="answer-text" key={paragraph}>
              {paragraph}
            </Text>
          ))}
        </View>
      ))}
      <View className="card">
        <ListItem title="隐私政策" detail="我们收集什么、为什么、保存多久" onClick={() => go(paths.privacy())} />
        <ListItem title="意见反馈" detail="哪里不好用、哪里看不懂，告诉我们" onClick={() => go(paths.feedback())} />
      </View>
    </PageShell>
  )
}
