export default definePageConfig({ navigationBarTitleText: '待交付的兑换' })
