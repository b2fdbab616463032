export default definePageConfig({ navigationBarTitleText: '派单和任务' })
