import type { RankingRowView } from '@kaohe/contract/api';
import { Breadcrumb, Card, Col, Input, Row, Segmented, Select, Space, Spin, Tag } from 'antd';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { EmptyState } from '../../../components/ui/EmptyState';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { ListTable } from '../../../components/ui/ListTable';
import { Points, pointsColumn } from '../../../components/ui/Points';
import { compareDecimal, formatDateTime } from '../../../lib/format';
import { storageKeys, writeSetting } from '../../../lib/storage';
import { useRankings } from '../api/results-queries';
import { SensitivityLabel } from '../../../components/labels/SensitivityLabel';

const GradeChart = lazy(() => import('../../../components/charts/GradeChart'));
const ScoreChart = lazy(() => import('../../../components/charts/ScoreChart'));
const gradeColours = ['green', 'blue', 'gold', 'red', 'magenta'];

type Row = RankingRowView & { groupRank: number | null; groupOf: number | null; isTied: boolean };

/** 分类排名: rankings per group with grades (Chinese names), each unit opening its score card. */
export function RankingsPage() {
  const { id = '' } = useParams();
  const { data, error, isLoading } = useRankings(id);
  useEffect(() => writeSetting(storageKeys.lastAssessment, id), [id]);
  const groups = useMemo(() => {
    // the largest group first (镇 before the department groups), then in order of appearance
    const seen = new Map<string, { label: string; units: number }>();
    for (const r of data ?? []) for (const g of r.ranks) seen.set(g.group, { label: g.groupName, units: (seen.get(g.group)?.units ?? 0) + 1 });
    return [...seen].sort((a, b) => b[1].units - a[1].units).map(([value, { label }]) => ({ value, label }));
  }, [data]);
  const [group, setGroup] = useState<string | null>(null);
  const [grade, setGrade] = useState<string | null>(null);
  const [keyword, setKeyword] = useState('');
  const current = group ?? groups[0]?.value ?? null;
  // grades best first: ordered by the best total that reached each (the scheme lists them best first too)
  const grades = useMemo(() => {
    const best = new Map<string, string>();
    for (const r of data ?? []) if (r.gradeName && (!best.has(r.gradeName) || compareDecimal(r.total, best.get(r.gradeName)!) > 0)) best.set(r.gradeName, r.total);
    return [...best].sort((a, b) => compareDecimal(b[1], a[1])).map(([name]) => name);
  }, [data]);

  const rows: Row[] = useMemo(
    () =>
      (data ?? [])
        .map((r) => {
          const g = current ? r.ranks.find((x) => x.group === current) : undefined;
          return { ...r, groupRank: g?.rank ?? (current ? null : r.rank), groupOf: g?.of ?? null, isTied: g?.isTied ?? false };
        })
        .filter((r) => !current || r.groupRank !== null)
        .sort((a, b) => (a.groupRank ?? 1e9) - (b.groupRank ?? 1e9) || a.unitCode.localeCompare(b.unitCode)),
    [data, current],
  );
  const filtered = rows.filter((r) => (!grade || r.gradeName === grade) && (!keyword || r.unitName.includes(keyword) || r.unitCode.includes(keyword)));
  const counts = grades.map((name) => ({ name, value: rows.filter((r) => r.gradeName === name).length }));
  const computedAt = data?.[0]?.computedAt;

  return (
    <>
      <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: <Link to="/assessments">考核年度</Link> }, { title: '考核结果与排名' }]} />
      <ErrorAlert error={error} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card title="分类排名" extra={<Space wrap><SensitivityLabel objectType="results" objectId={id} />{computedAt ? `计算时间 ${formatDateTime(computedAt)}` : null}</Space>}>
            {groups.length > 1 && (
              <div style={{ overflowX: 'auto', marginBottom: 12 }}>
                <Segmented options={groups} value={current ?? undefined} onChange={(v) => setGroup(String(v))} />
              </div>
            )}
            <Space wrap style={{ marginBottom: 12 }}>
              <Input.Search placeholder="单位名称或代码" allowClear onSearch={setKeyword} style={{ width: 220 }} />
              <Select allowClear placeholder="等次" style={{ width: 140 }} value={grade} onChange={(v) => setGrade(v ?? null)} options={grades.map((g) => ({ value: g, label: g }))} />
            </Space>
            <ListTable<Row>
              rowKey="unitId"
              loading={isLoading}
              dataSource={filtered}
              scroll={{ x: 560 }}
              size="middle"
              empty={keyword || grade ? '没有符合条件的单位，请修改查询条件' : '尚无计算结果。考评办发布方案并录入事实后，点“重新计算”即可生成排名。'}
              columns={[
                {
                  title: '名次',
                  dataIndex: 'groupRank',
                  width: 80,
                  align: 'right',
                  sorter: (a, b) => (a.groupRank ?? 1e9) - (b.groupRank ?? 1e9),
                  render: (v: number | null, r) => (v === null ? '—' : `${v}${r.isTied ? '（并列）' : ''}`),
                },
                {
                  title: '单位',
                  dataIndex: 'unitName',
                  sorter: (a, b) => a.unitName.localeCompare(b.unitName, 'zh-CN'),
                  render: (name: string, r) => <Link to={`/assessments/${id}/results/${r.unitId}`}>{name}</Link>,
                },
                { title: '类别', dataIndex: 'categoryName', width: 140, responsive: ['md'] },
                { title: '总分', dataIndex: 'total', width: 100, ...pointsColumn, sorter: (a, b) => compareDecimal(a.total, b.total), render: (v: string) => <Points value={v} /> },
                {
                  title: '等次',
                  dataIndex: 'gradeName',
                  width: 100,
                  render: (v: string | null) => (v ? <Tag color={gradeColours[grades.indexOf(v)] ?? 'default'}>{v}</Tag> : '—'),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title="等次分布">
            {counts.length === 0 ? (
              <EmptyState title="尚无等次" />
            ) : (
              <Suspense fallback={<Spin />}>
                <GradeChart counts={counts} />
              </Suspense>
            )}
          </Card>
          <Card title={`得分分布${groups.find((g) => g.value === current)?.label ? `（${groups.find((g) => g.value === current)!.label}）` : ''}`} style={{ marginTop: 16 }}>
            {rows.length === 0 ? (
              <EmptyState title="尚无得分" />
            ) : (
              <Suspense fallback={<Spin />}>
                <ScoreChart totals={rows.map((r) => r.total)} />
              </Suspense>
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}

