import { Button } from '@tarojs/components'
import Taro from '@tarojs/taro'

/** `emergency`: the big red button of 110 / 120 / 119. */
export function CallButton({
  phone,
  label,
  primary,
  emergency,
}: {
  phone: string
  label?: string
  primary?: boolean
  emergency?: boolean
}) {
  const call = () => {
    // Cancelling the dialler is a choice, not an error.
    Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined)
  }
  const look = emergency ? 'btn btn-emergency' : primary ? 'btn btn-primary' : 'btn btn-plain'
  return (
    <Button className={`${look} btn-block`} onClick={call}>
      {label ?? `打电话 ${phone}`}
    </Button>
  )
}
