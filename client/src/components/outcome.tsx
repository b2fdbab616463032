import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ReactNode } from 'react'

/**
 * 结果页 (WeUI's msg page) after an action that others now act on: an icon, what happened, what happens
 * next and how long it usually takes, then the page's own way on (`children`) and 返回首页. `waiting`:
 * it is not done yet (someone must still answer), drawn as waiting rather than as done.
 */
export function Outcome({
  id,
  title,
  next,
  when,
  waiting,
  children,
}: {
  id?: string
  title: string
  next: string
  when?: string
  waiting?: boolean
  children?: ReactNode
}) {
  return (
    <View id={id} className="outcome">
      <View className={waiting ? 'outcome-icon outcome-waiting' : 'outcome-icon'}>
        <Text>{waiting ? '…' : '✓'}</Text>
      </View>
      <Text className="outcome-title">{title}</Text>
      <Text className="outcome-text">{next}</Text>
      {when ? <Text className="outcome-when">{when}</Text> : null}
      {children}
      <Button className="btn btn-plain btn-block" onClick={() => void Taro.switchTab({ url: '/pages/home/index' })}>
        返回首页
      </Button>
    </View>
  )
}
