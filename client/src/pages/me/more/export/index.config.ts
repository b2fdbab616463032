export default definePageConfig({ navigationBarTitleText: '导出我的信息' })
