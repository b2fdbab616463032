export default definePageConfig({ navigationBarTitleText: '添加社区' })
