export default definePageConfig({ navigationBarTitleText: '管理我的组织' })
