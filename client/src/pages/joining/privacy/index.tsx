import { Text, View } from '@tarojs/components'
import { PRIVACY_POLICY_VERSION, privacyPolicy } from '../../../../../shared/domain/residence'
import { PageShell } from '../../../components/page-shell'

/** 隐私说明: what is stored, who sees it, for how long, in plain words; the version is what a person agrees to. */
export default function PrivacyPage() {
  return (
    <PageShell>
      <Text className="greeting">邻里守望怎样保护你的信息</Text>
      {privacyPolicy.map((section) => (
        <View className="card" key={section.title}>
          <Text className="card-title">{section.title}</Text>
          {section.paragraphs.map((paragraph) => (
            <Text className="card-text" key={paragraph}>
              {paragraph}
            </Text>
          ))}
        </View>
      ))}
      <Text className="note">版本 {PRIVACY_POLICY_VERSION}</Text>
    </PageShell>
  )
}
