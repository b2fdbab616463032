export default definePageConfig({ navigationBarTitleText: '本社区组织' })
