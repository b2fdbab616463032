export default definePageConfig({ navigationBarTitleText: '认领账号' })
