export default definePageConfig({ navigationBarTitleText: '修改关爱对象' })
