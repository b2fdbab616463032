export default definePageConfig({ navigationBarTitleText: '凭邀请码加入' })
