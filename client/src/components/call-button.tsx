import { Button } from '@tarojs/components'
import Taro from '@tarojs/taro'

export function CallButton({ phone, primary }: { phone: string; primary?: boolean }) {
  const call = () => {
    // Cancelling the dialler is a choice, not an error.
    Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined)
  }
  return (
    <Button className={primary ? 'btn btn-primary btn-block' : 'btn btn-plain btn-block'} onClick={call}>
      打电话 {phone}
    </Button>
  )
}
