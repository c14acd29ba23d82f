import { Card, Spin } from 'antd';
import { Navigate } from 'react-router';
import { EmptyState } from '../../components/ui/EmptyState';
import { ErrorAlert } from '../../components/ui/ErrorAlert';
import { readSetting, storageKeys } from '../../lib/storage';
import { useAssessments } from '../../features/assessments/api/list-assessments';

const titles = { results: '考核结果与排名', publication: '公示与发布', work: '数据填报', verification: '审核评分', appeals: '申诉', overview: '考核概览' } as const;

/** 考核结果 in the menu: the assessment last opened, else the newest one the account can see. */
export function LatestResultsRedirect({ suffix = 'results' }: { suffix?: 'results' | 'publication' | 'work' | 'verification' | 'appeals' | 'overview' }) {
  const { data, error, isLoading } = useAssessments();
  if (isLoading) return <Spin />;
  const last = readSetting(storageKeys.lastAssessment);
  const target = data?.find((a) => a.id === last) ?? data?.[0];
  if (target) return <Navigate to={`/assessments/${target.id}/${suffix}`} replace />;
  return (
    <Card title={titles[suffix]}>
      <ErrorAlert error={error} />
      <EmptyState title="尚无可查看的考核。考核建立并计算后，结果会显示在这里。" />
    </Card>
  );
}
