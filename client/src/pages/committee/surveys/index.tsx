import { Button, View } from '@tarojs/components'
import { api } from '../../../api'
import { ListItem } from '../../../components/list'
import { PageShell } from '../../../components/page-shell'
import { Empty, Loaded } from '../../../components/status'
import { formatDay } from '../../../format'
import { useLoad } from '../../../hooks/use-load'
import { go, paths, usePageParams } from '../../../routes'

/** 需求调查 of the community, newest first: one main action, 新建调查; each opens its results (decision 049). */
export default function SurveysPage() {
  const { communityId = '' } = usePageParams()
  const load = useLoad(() => api.surveys.list({ communityId }), [communityId])
  return (
    <PageShell>
      <Button id="new-survey" className="btn btn-primary btn-block" onClick={() => go(paths.surveyEdit(communityId))}>
        新建需求调查
      </Button>
      <Loaded load={load}>
        {({ surveys }) =>
          surveys.length === 0 ? (
            <Empty title="还没有需求调查">了解居民最需要什么，是做好服务的第一步</Empty>
          ) : (
            <View>
              {surveys.map((survey) => (
                <ListItem
                  key={survey.surveyId}
                  id={`survey-${survey.surveyId}`}
                  title={survey.title}
                  detail={`${formatDay(survey.opensOn)} 至 ${formatDay(survey.closesOn)} · ${survey.neighbourhood ?? '全社区'} · ${survey.answers} 份答卷`}
                  extra={survey.phaseLabel}
                  extraTone={survey.phase === 'open' ? 'met' : undefined}
                  onClick={() =>
                    go(survey.phase === 'draft' ? paths.surveyEdit(communityId, survey.surveyId) : paths.surveyResults(survey.surveyId))
                  }
                />
              ))}
            </View>
          )
        }
      </Loaded>
    </PageShell>
  )
}
