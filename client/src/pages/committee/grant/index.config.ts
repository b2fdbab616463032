export default definePageConfig({ navigationBarTitleText: '发放时间' })
