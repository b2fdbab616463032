export default definePageConfig({ navigationBarTitleText: '找我的社区' })
