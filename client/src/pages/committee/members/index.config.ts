export default definePageConfig({ navigationBarTitleText: '两委成员' })
