import { Button } from '@tarojs/components'

/**
 * A full-width button that says it is working while its action runs. Not Button's `loading`:
 * on H5 that inserts a spinner among the children React owns, and the page throws. And no
 * `disabled={false}`: Taro's H5 button styles any `disabled` attribute as disabled.
 */
export function BusyButton({
  id,
  busy,
  primary,
  label,
  onClick,
}: {
  id?: string
  busy: boolean
  primary?: boolean
  label: string
  onClick(): void
}) {
  return (
    <Button
      id={id}
      className={primary ? 'btn btn-primary btn-block' : 'btn btn-plain btn-block'}
      disabled={busy || undefined}
      onClick={onClick}
    >
      {busy ? '请稍候…' : label}
    </Button>
  )
}
