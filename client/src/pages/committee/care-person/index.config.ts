export default definePageConfig({ navigationBarTitleText: '关爱对象' })
