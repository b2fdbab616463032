export default definePageConfig({ navigationBarTitleText: '迁入与代登记' })
