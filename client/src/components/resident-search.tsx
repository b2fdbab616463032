import { Text, View } from '@tarojs/components'
import { useState, type ReactNode } from 'react'
import { api, messageOf } from '../api'
import { BusyButton } from './busy-button'
import { TextField } from './form'

export type FoundResident = Awaited<ReturnType<typeof api.community.residents>>['residents'][number]

/**
 * The committee finds a resident of its community by name, and does `children` to one of them
 * (appoint, grant). Remount it (a new `key`) to start a new search.
 */
export function ResidentSearch({ communityId, children }: { communityId: string; children(resident: FoundResident): ReactNode }) {
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

  return (
    <View>
      <TextField id='resident-name' label='居民姓名' maxlength={20} value={name} error={search.failure || undefined} onChange={setName} />
      <BusyButton primary busy={search.loading} label='查找' onClick={find} />
      {found?.length === 0 ? <Text className='card-text'>没有找到这个名字的居民</Text> : null}
      {found?.map((resident) => (
        <View className='role' key={resident.personId}>
          <Text className='role-label'>{resident.name}</Text>
          {resident.neighbourhood ? <Text className='role-scope'>{resident.neighbourhood}</Text> : null}
          {children(resident)}
        </View>
      ))}
    </View>
  )
}
