export default definePageConfig({ navigationBarTitleText: '本社区求助' })
