import type { RankingRowView } from '@kaohe/contract/api';
import { resultsApi } from '@kaohe/contract/api';
import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Card, Col, Row, Spin, Statistic, Table, Tag } from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { EmptyState } from '../../../components/ui/EmptyState';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { Points, pointsColumn } from '../../../components/ui/Points';
import { callApi } from '../../../lib/api-client';
import { compareDecimal, formatDateTime } from '../../../lib/format';

const GradeChart = lazy(() => import('../../../components/charts/GradeChart'));
const ScoreChart = lazy(() => import('../../../components/charts/ScoreChart'));

/**
 * 考核概览 (read-only): the units the account may see (a leader: the units it is in charge of), how
 * many, the highest and lowest totals, grade and score distributions, and the units with the
 * lowest totals first, each opening its score card. Nothing here changes anything.
 */
export function LeaderOverviewPage() {
  const { id = '' } = useParams();
  const rankings = useQuery({ queryKey: ['results', id], queryFn: ({ signal }) => callApi(resultsApi.rankings, { params: { id }, signal }) });
  const rows = useMemo(() => [...(rankings.data ?? [])].sort((a, b) => compareDecimal(a.total, b.total) || a.unitCode.localeCompare(b.unitCode)), [rankings.data]);
  const grades = useMemo(() => {
    const counts = new Map<string, number>();
    for (const r of rows) if (r.gradeName) counts.set(r.gradeName, (counts.get(r.gradeName) ?? 0) + 1);
    // best grade first: ordered by the best total that reached it
    const best = new Map<string, string>();
    for (const r of rows) if (r.gradeName && (!best.has(r.gradeName) || compareDecimal(r.total, best.get(r.gradeName)!) > 0)) best.set(r.gradeName, r.total);
    return [...counts].sort((a, b) => compareDecimal(best.get(b[0])!, best.get(a[0])!)).map(([name, value]) => ({ name, value }));
  }, [rows]);
  const highest = rows[rows.length - 1];
  const lowest = rows[0];
  return (
    <>
      <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: <Link to="/assessments">考核年度</Link> }, { title: '考核概览' }]} />
      <ErrorAlert error={rankings.error} />
      {rankings.isLoading && <Spin />}
      {rankings.data && rows.length === 0 && (
        <Card>
          <EmptyState title="尚无可查看的结果。考评办计算结果后，您分管单位的得分会显示在这里。" />
        </Card>
      )}
      {rows.length > 0 && (
        <Row gutter={[16, 16]}>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title="单位数" value={rows.length} suffix="个" />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={`最高分（${highest!.unitName}）`} valueRender={() => <Points value={highest!.total} />} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={`最低分（${lowest!.unitName}）`} valueRender={() => <Points value={lowest!.total} />} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title="计算时间" value={formatDateTime(rows[0]!.computedAt)} valueStyle={{ fontSize: 16 }} />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title="等次分布">
              {grades.length === 0 ? <EmptyState title="尚未评定等次" /> : <Suspense fallback={<Spin />}><GradeChart counts={grades} /></Suspense>}
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title="得分分布">
              <Suspense fallback={<Spin />}>
                <ScoreChart totals={rows.map((r) => r.total)} />
              </Suspense>
            </Card>
          </Col>
          <Col span={24}>
            <Card title="各单位得分（低分在前）">
              <Table<RankingRowView>
                rowKey="unitId"
                size="small"
                dataSource={rows}
                pagination={{ pageSize: 10, showTotal: (t) => `共 ${t} 条` }}
                scroll={{ x: 560 }}
                columns={[
                  { title: '单位', dataIndex: 'unitName', render: (name: string, r) => <Link to={`/assessments/${id}/results/${r.unitId}`}>{name}</Link> },
                  { title: '类别', dataIndex: 'categoryName', width: 140, responsive: ['md'] },
                  { title: '总分', dataIndex: 'total', width: 100, ...pointsColumn, sorter: (a, b) => compareDecimal(a.total, b.total), render: (v: string) => <Points value={v} /> },
                  { title: '自评总分', dataIndex: 'selfAssessedTotal', width: 110, ...pointsColumn, responsive: ['md'], render: (v: string | null) => <Points value={v} /> },
                  { title: '等次', dataIndex: 'gradeName', width: 90, render: (v: string | null) => (v ? <Tag>{v}</Tag> : '—') },
                  { title: '名次', key: 'ranks', width: 160, responsive: ['lg'], render: (_v, r) => r.ranks.map((g) => `${g.groupName} ${g.rank}/${g.of}`).join('；') || '—' },
                ]}
              />
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
