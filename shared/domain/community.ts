/** 城市社区 / 农村社区: the seeds set different organisation targets for each (seed 002). */
export const CommunityKind = { urban: 'urban', rural: 'rural' } as const
export type CommunityKind = (typeof CommunityKind)[keyof typeof CommunityKind]

export const communityKindLabel: Record<CommunityKind, string> = {
  urban: '城市社区',
  rural: '农村社区',
}

/** At least 10 organisations in an urban community, at least 3 in a rural one (seed 002). */
export const organisationTarget: Record<CommunityKind, number> = { urban: 10, rural: 3 }
