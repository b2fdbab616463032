export default definePageConfig({ navigationBarTitleText: '超上限待审核' })
