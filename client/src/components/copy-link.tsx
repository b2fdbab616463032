import { Button } from '@tarojs/components'
import Taro from '@tarojs/taro'

/** For opening an exported file on a computer: the link lasts two hours. */
export function CopyLink({ url }: { url: string }) {
  return (
    <Button className="btn btn-plain btn-block" onClick={() => Taro.setClipboardData({ data: url })}>
      复制下载链接（两小时内有效）
    </Button>
  )
}
