export default definePageConfig({ navigationBarTitleText: '本组织的活动' })
