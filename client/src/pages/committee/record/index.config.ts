export default definePageConfig({ navigationBarTitleText: '组织评估记录' })
