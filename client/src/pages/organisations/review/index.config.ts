export default definePageConfig({ navigationBarTitleText: '评议这个组织' })
