export default definePageConfig({ navigationBarTitleText: '搬家' })
