export default definePageConfig({ navigationBarTitleText: '报告周期与评议期' })
