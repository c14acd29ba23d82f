import type { LedgerLineView } from '@kaohe/contract/api';
import { Breadcrumb, Button, Result, Skeleton } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { useAuth } from '../../../lib/auth';
import { useUnitResult } from '../api/results-queries';
import { AppealModal } from './AppealModal';
import { ScoreCard } from './ScoreCard';
import { SourcesDrawer } from './SourcesDrawer';

const isLoss = (l: LedgerLineView) => l.amount.startsWith('-') && /[1-9]/.test(l.amount);

export function ScoreCardPage() {
  const { id = '', unitId = '' } = useParams();
  const { can } = useAuth();
  const { data, error, isLoading } = useUnitResult(id, unitId);
  const [source, setSource] = useState<{ line: LedgerLineView; factId: string } | null>(null);
  const [appealing, setAppealing] = useState<LedgerLineView | null>(null);
  const entries = data?.ledger.entries ?? [];
  return (
    <>
      <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: <Link to="/assessments">考核年度</Link> }, { title: <Link to={`/assessments/${id}/results`}>结果与排名</Link> }, { title: data?.unitName ?? '计分卡' }]} />
      <ErrorAlert error={error} />
      {isLoading && <Skeleton active />}
      {data && (
        <ScoreCard
          result={data}
          onFact={(line, factId) => setSource({ line, factId })}
          actions={
            can('appeal:submit')
              ? (line) =>
                  isLoss(line) ? (
                    <Button size="small" type="link" style={{ padding: 0 }} onClick={() => setAppealing(line)}>
                      申诉
                    </Button>
                  ) : null
              : undefined
          }
        />
      )}
      {!isLoading && !data && !error && <Result status="info" title="尚无该单位的结果" extra={<Link to={`/assessments/${id}/results`}><Button>返回排名</Button></Link>} />}
      <SourcesDrawer assessmentId={id} unitId={unitId} open={source} onClose={() => setSource(null)} />
      {appealing && <AppealModal assessmentId={id} unitId={unitId} line={appealing} lineIndex={entries.indexOf(appealing)} onClose={() => setAppealing(null)} />}
    </>
  );
}
