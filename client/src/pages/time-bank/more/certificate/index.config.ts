// 转发: an issued certificate's verify page (useShareAppMessage in the page).
export default definePageConfig({ navigationBarTitleText: '志愿服务证明', enableShareAppMessage: true })
