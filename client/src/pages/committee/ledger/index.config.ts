export default definePageConfig({ navigationBarTitleText: '社区收支明细' })
