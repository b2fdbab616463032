import { useLoad } from './use-load'
import { useSubmit } from './use-submit'

/**
 * A list read a page at a time (收支明细): the first page loads with the page, `more.next`
 * appends the page after the last one shown, and `load.reload` starts again from the newest.
 */
export function usePages<P extends { entries: unknown[]; nextCursor?: string }>(loader: (cursor: string | undefined) => Promise<P>) {
  const load = useLoad(() => loader(undefined))
  const submit = useSubmit()
  const shown = load.status === 'ready' ? load.data : null
  const next = () => {
    if (!shown) return
    void submit.run(async () => {
      const page = await loader(shown.nextCursor)
      load.replace({ ...page, entries: [...shown.entries, ...page.entries] })
    })
  }
  return { load, more: { hasMore: Boolean(shown?.nextCursor), busy: submit.busy, failure: submit.errorOf(), next } }
}
