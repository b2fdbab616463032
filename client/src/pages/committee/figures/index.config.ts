export default definePageConfig({ navigationBarTitleText: '统计与报表' })
