export default definePageConfig({ navigationBarTitleText: '需求调查' })
