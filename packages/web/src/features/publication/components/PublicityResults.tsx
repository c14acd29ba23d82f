import type { PublicityView, ResultRow } from '@kaohe/contract/api/publication';
import { Table, Typography } from 'antd';
import { EmptyState } from '../../../components/ui/EmptyState';
import { Points, pointsColumn } from '../../../components/ui/Points';
import { compareDecimal } from '../../../lib/format';

/** What a 公示 shows (a unit sees only its own row, as the server cuts it): group, rank, unit, total, grade. */
export function PublicityResults({ period }: { period: PublicityView }) {
  return (
    <div data-testid="publicity-results" style={{ marginBottom: 12 }}>
      <Typography.Text strong>公示内容</Typography.Text>
      {period.note && <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>{period.note}</Typography.Paragraph>}
      <Table<ResultRow>
        rowKey="unitId"
        size="small"
        dataSource={period.results}
        pagination={period.results.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        scroll={{ x: 480 }}
        locale={{ emptyText: <EmptyState title="本次公示没有可查看的结果。" /> }}
        columns={[
          { title: '分组', dataIndex: 'group', width: 110, render: (v: string | null) => v ?? '—' },
          { title: '名次', dataIndex: 'rank', width: 60, align: 'right', render: (v: number | null) => v ?? '—', sorter: (a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) },
          { title: '单位', dataIndex: 'unitName' },
          { title: '总分', dataIndex: 'total', width: 90, ...pointsColumn, render: (v: string) => <Points value={v} />, sorter: (a, b) => compareDecimal(a.total, b.total) },
          { title: '等次', dataIndex: 'gradeName', width: 80, render: (v: string | null) => v ?? '—' },
        ]}
      />
    </div>
  );
}
