export default definePageConfig({ navigationBarTitleText: '编辑需求调查' })
