export default definePageConfig({ navigationBarTitleText: '撤回同意' })
