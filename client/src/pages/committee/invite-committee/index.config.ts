export default definePageConfig({ navigationBarTitleText: '邀请两委成员' })
