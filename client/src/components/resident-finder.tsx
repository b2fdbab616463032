import { Text, View } from '@tarojs/components'
import { useState, type ReactNode } from 'react'
import { api, messageOf } from '../api'
import { BusyButton } from './busy-button'
import { TextField } from './form'

export type FoundResident = Awaited<ReturnType<typeof api.community.residents>>['residents'][number]

/**
 * 按姓名查找本社区居民 (the committee only): a name, 查找, and the residents found, each with what
 * the page does with one (`children`, given `reset` to clear the search once it is done).
 */
export function ResidentFinder({
  id,
  communityId,
  label,
  primary,
  children,
}: {
  id: string
  /** 查找 is the main action where finding is all the card does. */
  primary?: boolean
  communityId: string
  label: string
  children(resident: FoundResident, reset: () => void): ReactNode
}) {
  const [name, setName] = useState('')
  const [found, setFound] = useState<FoundResident[] | null>(null)
  const [search, setSearch] = useState({ loading: false, failure: '' })

  const find = async () => {
    setSearch({ loading: true, failure: '' })
    try {
      const { residents } = await api.community.residents({ communityId, ...(name.trim() ? { nameContains: name.trim() } : {}) })
      setFound(residents)
      setSearch({ loading: false, failure: '' })
    } catch (error) {
      setSearch({ loading: false, failure: messageOf(error) })
    }
  }

  const reset = () => {
    setFound(null)
    setName('')
  }

  return (
    <View>
      <TextField id={id} label={label} maxlength={20} value={name} error={search.failure || undefined} onChange={setName} />
      <BusyButton primary={primary} busy={search.loading} label="查找" onClick={find} />
      {found?.length === 0 ? <Text className="card-text">没有找到这个名字的居民</Text> : null}
      {found?.map((resident) => (
        <View className="role" key={resident.personId}>
          <Text className="role-label">{resident.name}</Text>
          {resident.neighbourhood ? <Text className="role-scope">{resident.neighbourhood}</Text> : null}
          {children(resident, reset)}
        </View>
      ))}
    </View>
  )
}
