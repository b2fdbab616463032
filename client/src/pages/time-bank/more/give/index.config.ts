export default definePageConfig({ navigationBarTitleText: '赠送时间' })
