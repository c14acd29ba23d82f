import { Breadcrumb, Button, Result, Skeleton } from 'antd';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { useUnitResult } from '../api/results-queries';
import { ScoreCard } from './ScoreCard';

export function ScoreCardPage() {
  const { id = '', unitId = '' } = useParams();
  const { data, error, isLoading } = useUnitResult(id, unitId);
  return (
    <>
      <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: <Link to="/assessments">考核年度</Link> }, { title: <Link to={`/assessments/${id}/results`}>结果与排名</Link> }, { title: data?.unitName ?? '计分卡' }]} />
      <ErrorAlert error={error} />
      {isLoading && <Skeleton active />}
      {data && <ScoreCard result={data} />}
      {!isLoading && !data && !error && <Result status="info" title="尚无该单位的结果" extra={<Link to={`/assessments/${id}/results`}><Button>返回排名</Button></Link>} />}
    </>
  );
}
