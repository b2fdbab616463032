export default definePageConfig({ navigationBarTitleText: '长辈的求助' })
