export default definePageConfig({ navigationBarTitleText: '修改我的信息' })
