export default definePageConfig({ navigationBarTitleText: '备案申请' })
