export default definePageConfig({ navigationBarTitleText: '登记新组织' })
