export default definePageConfig({ navigationBarTitleText: '附近的组织' })
