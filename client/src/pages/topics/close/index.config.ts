export default definePageConfig({ navigationBarTitleText: '议题结果' })
