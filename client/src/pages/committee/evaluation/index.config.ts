export default definePageConfig({ navigationBarTitleText: '年度评估评议' })
