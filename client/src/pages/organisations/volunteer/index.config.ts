export default definePageConfig({ navigationBarTitleText: '志愿者资料' })
