import { Button } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ReactNode } from 'react'

/** `emergency`: the big red button of 110 / 120 / 119. `className` and `children` give it another look (长辈版's tile). */
export function CallButton({
  phone,
  label,
  primary,
  emergency,
  id,
  className,
  children,
}: {
  phone: string
  label?: string
  primary?: boolean
  emergency?: boolean
  id?: string
  className?: string
  children?: ReactNode
}) {
  const call = () => {
    // Cancelling the dialler is a choice, not an error.
    Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined)
  }
  const look = emergency ? 'btn btn-emergency' : primary ? 'btn btn-primary' : 'btn btn-plain'
  return (
    <Button id={id} className={className ?? `${look} btn-block`} onClick={call}>
      {children ?? label ?? `打电话 ${phone}`}
    </Button>
  )
}
