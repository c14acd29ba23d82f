import type { LedgerLineView } from '@kaohe/contract/api';
import { Alert, Breadcrumb, Button, Result, Skeleton } from 'antd';
import { formatDateTime } from '../../../lib/format';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { messageOf } from '../../../lib/api-client';
import { useAuth } from '../../../lib/auth';
import { usePublications, usePublishedLedger } from '../api/drill-queries';
import { useUnitResult } from '../api/results-queries';
import { AppealModal } from './AppealModal';
import { ScoreCard } from './ScoreCard';
import { SourcesDrawer } from './SourcesDrawer';


export function ScoreCardPage() {
  const { id = '', unitId = '' } = useParams();
  const { can } = useAuth();
  const { data, error, isLoading } = useUnitResult(id, unitId);
  const [source, setSource] = useState<{ line: LedgerLineView; factId: string } | null>(null);
  const [appealing, setAppealing] = useState<LedgerLineView | null>(null);
  const entries = data?.ledger.entries ?? [];
  const mayAppeal = can('appeal:submit');
  const publications = usePublications(id, mayAppeal);
  const latest = publications.data?.reduce<(typeof publications.data)[number] | undefined>((a, p) => (!a || p.sequence > a.sequence ? p : a), undefined);
  const open = latest !== undefined && Date.now() <= Date.parse(latest.appealsUntil);
  const published = usePublishedLedger(open ? latest.id : undefined, unitId);
  // a current line is appealable when the published ledger holds the same line: the appeal cites its number there
  const publishedIndex = (line: LedgerLineView) => published.data?.lines.find((p) => p.ref === line.ref && p.text === line.text && p.amount === line.amount)?.index;
  const differs = published.data !== undefined && entries.some((l) => publishedIndex(l) === undefined);
  const appealNote = !mayAppeal || !data || publications.isLoading
    ? null
    : publications.error
      ? `暂不能申诉：${messageOf(publications.error)}`
      : !latest
      ? '结果尚未发布，发布后可在申诉期内对台账行申诉。'
      : !open
        ? `申诉期已于 ${formatDateTime(latest.appealsUntil)} 结束。`
        : `可对第 ${latest.sequence} 版发布的台账行申诉，截止 ${formatDateTime(latest.appealsUntil)}。${differs ? '当前结果在发布后已重新计算，与发布版本不同的行不能申诉，请联系考评办。' : ''}`;
  const appealable = mayAppeal && published.data !== undefined;
  const appealIndex = appealing ? publishedIndex(appealing) : undefined;
  return (
    <>
      <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: <Link to="/assessments">考核年度</Link> }, { title: <Link to={`/assessments/${id}/results`}>结果与排名</Link> }, { title: data?.unitName ?? '计分卡' }]} />
      <ErrorAlert error={error} />
      {isLoading && <Skeleton active />}
      {appealNote && <Alert type={appealable && !differs ? 'info' : 'warning'} showIcon style={{ marginBottom: 12 }} message={appealNote} data-testid="appeal-note" />}
      {data && (
        <ScoreCard
          result={data}
          onFact={(line, factId) => setSource({ line, factId })}
          actions={
            appealable
              ? (line) =>
                  publishedIndex(line) === undefined ? null : (
                    <Button size="small" type="link" style={{ padding: 0 }} onClick={() => setAppealing(line)}>
                      申诉
                    </Button>
                  )
              : undefined
          }
        />
      )}
      {!isLoading && !data && !error && <Result status="info" title="尚无该单位的结果" extra={<Link to={`/assessments/${id}/results`}><Button>返回排名</Button></Link>} />}
      <SourcesDrawer assessmentId={id} unitId={unitId} open={source} onClose={() => setSource(null)} />
      {appealing && appealIndex !== undefined && <AppealModal assessmentId={id} unitId={unitId} line={appealing} lineIndex={appealIndex} onClose={() => setAppealing(null)} />}
    </>
  );
}
