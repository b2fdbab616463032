export default definePageConfig({ navigationBarTitleText: '从表格导入社区' })
