export default definePageConfig({ navigationBarTitleText: '探访情况' })
