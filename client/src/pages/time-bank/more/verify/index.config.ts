// The holder forwards this page, with the certificate's number, to whoever checks it.
export default definePageConfig({ navigationBarTitleText: '证明查验', enableShareAppMessage: true })
