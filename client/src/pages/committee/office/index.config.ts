export default definePageConfig({ navigationBarTitleText: '各社区统计' })
