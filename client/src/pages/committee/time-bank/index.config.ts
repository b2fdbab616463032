export default definePageConfig({ navigationBarTitleText: '时间银行管理' })
