export default definePageConfig({ navigationBarTitleText: '居住核验' })
