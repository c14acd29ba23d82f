import { Card, Spin } from 'antd';
import { Navigate } from 'react-router';
import { EmptyState } from '../../components/ui/EmptyState';
import { ErrorAlert } from '../../components/ui/ErrorAlert';
import { readSetting, storageKeys } from '../../lib/storage';
import { useAssessments } from '../../features/assessments/api/list-assessments';

/** 考核结果 in the menu: the assessment last opened, else the newest one the account can see. */
const titles = { results: '考核结果与排名', publication: '公示与发布', import: '方案导入', scheme: '方案编辑', targets: '目标分解', responsibility: '责任分工', work: '数据填报', verification: '审核评分', appeals: '申诉', overview: '考核概览', calendar: '报送日历', completion: '报送完成情况', whatif: '情景试算', surveys: '满意度测评', burden: '填报负担', multiyear: '多年度' } as const;

export function LatestResultsRedirect({ suffix = 'results' }: { suffix?: keyof typeof titles }) {
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
