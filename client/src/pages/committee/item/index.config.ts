export default definePageConfig({ navigationBarTitleText: '兑换项目' })
