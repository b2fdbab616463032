export default definePageConfig({ navigationBarTitleText: '代办求助' })
