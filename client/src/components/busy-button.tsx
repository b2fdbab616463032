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
  danger,
  label,
  onClick,
}: {
  id?: string
  busy: boolean
  primary?: boolean
  /** A destructive action's own confirmation: filled danger red. */
  danger?: boolean
  label: string
  onClick(): void
}) {
  return (
    <Button
      id={id}
      className={danger ? 'btn btn-danger-filled btn-block' : primary ? 'btn btn-primary btn-block' : 'btn btn-plain btn-block'}
      disabled={busy || undefined}
      onClick={onClick}
    >
      {busy ? '请稍候…' : label}
    </Button>
  )
}
