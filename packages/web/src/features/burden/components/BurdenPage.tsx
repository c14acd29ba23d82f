import type { BurdenView } from '@kaohe/contract/api';
import { Breadcrumb, Button, Card, Input, Space, Statistic, Table } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { ListTable } from '../../../components/ui/ListTable';
import { burdenXlsxUrl, useBurden } from '../api/burden-api';

type UnitRow = BurdenView['units'][number];
type Period = UnitRow['periods'][number];
const num = (title: string, key: keyof UnitRow, width = 96) => ({ title, dataIndex: key, width, align: 'right' as const, className: 'kh-num', sorter: (a: UnitRow, b: UnitRow) => (a[key] as number) - (b[key] as number) });

function PeriodTable({ periods }: { periods: Period[] }) {
  return (
    <Table<Period>
      rowKey="cadence"
      size="small"
      pagination={false}
      dataSource={periods}
      columns={[
        { title: '报送周期', dataIndex: 'cadenceName' },
        { title: '每年期数', dataIndex: 'periodsPerYear', align: 'right', className: 'kh-num' },
        { title: '每期数据项', dataIndex: 'fields', align: 'right', className: 'kh-num' },
        { title: '每期佐证材料', dataIndex: 'evidenceFiles', align: 'right', className: 'kh-num' },
      ]}
    />
  );
}

/** 基层减负：填报负担: per scheme and per unit, report rounds, data items and mandatory evidence per period; 最多报一次 savings; Excel export. */
export function BurdenPage() {
  const { id = '' } = useParams();
  const burden = useBurden(id);
  const [keyword, setKeyword] = useState('');
  const data = burden.data;
  const rows = (data?.units ?? []).filter((u) => !keyword || u.unitName.includes(keyword) || u.unitCode.includes(keyword));
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/assessments">考核年度</Link> }, { title: '填报负担' }]} />
      <Card
        title="基层减负：填报负担"
        loading={burden.isLoading}
        extra={
          <a href={burdenXlsxUrl(id)} download>
            <Button>导出 Excel</Button>
          </a>
        }
      >
        <ErrorAlert error={burden.error} />
        {data && (
          <>
            <p className="kh-muted">按已发布的方案第 {data.schemeVersion} 版统计。共用同一数据项的条款只计一次（最多报一次）。</p>
            <Space wrap size="large" style={{ marginBottom: 16 }}>
              <Statistic title="单位数" value={data.totals.units} />
              <Statistic title="须填报数据项（合计）" value={data.totals.fields} />
              <Statistic title="单个单位最多" value={data.totals.maxFields} suffix="项" />
              <Statistic title="每年报送轮次（合计）" value={data.totals.reportRoundsPerYear} />
              <Statistic title="每年填报次数（合计）" value={data.totals.fieldEntriesPerYear} />
              <Statistic title="每年佐证材料（合计）" value={data.totals.evidenceFilesPerYear} />
              <Statistic title="共用数据项" value={data.totals.sharedDataItems} />
              <Statistic title="最多报一次省去" value={data.totals.savedBySharing} suffix="项" />
            </Space>
            <Card size="small" title="按方案（一个适用全部指标的单位）" style={{ marginBottom: 16 }}>
              <Space wrap size="large" style={{ marginBottom: 8 }}>
                <Statistic title="数据项" value={data.scheme.fields} />
                <Statistic title="其中评分/自评项" value={data.scheme.scoreFields} />
                <Statistic title="供给条款" value={data.scheme.clausesServed} />
                <Statistic title="每年报送轮次" value={data.scheme.reportRoundsPerYear} />
                <Statistic title="每年佐证材料" value={data.scheme.evidenceFilesPerYear} />
              </Space>
              <PeriodTable periods={data.scheme.periods} />
            </Card>
            <Input.Search placeholder="单位名称或编码" allowClear onSearch={setKeyword} style={{ width: 220, marginBottom: 12 }} />
            <ListTable<UnitRow>
              rowKey="unitCode"
              dataSource={rows}
              scroll={{ x: 900 }}
              expandable={{ expandedRowRender: (r) => <PeriodTable periods={r.periods} /> }}
              empty={data.units.length ? '没有符合条件的单位' : '尚未建立单位。请先从方案建立单位。'}
              columns={[
                { title: '单位', dataIndex: 'unitName', sorter: (a, b) => a.unitName.localeCompare(b.unitName, 'zh-CN') },
                num('数据项', 'fields', 80),
                num('评分/自评项', 'scoreFields'),
                num('供给条款', 'clausesServed', 84),
                num('最多报一次省去', 'savedBySharing', 120),
                num('每年报送轮次', 'reportRoundsPerYear', 110),
                num('每年填报次数', 'fieldEntriesPerYear', 110),
                num('每年佐证材料', 'evidenceFilesPerYear', 110),
              ]}
            />
          </>
        )}
      </Card>
    </Space>
  );
}
