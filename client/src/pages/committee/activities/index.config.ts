export default definePageConfig({ navigationBarTitleText: '活动审批' })
