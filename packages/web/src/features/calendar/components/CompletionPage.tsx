import type { CompletionView } from '@kaohe/contract/api';
import { Breadcrumb, Card, DatePicker, Input, Select, Space, Statistic, Tag, Tabs } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { ListTable } from '../../../components/ui/ListTable';
import { useCompletion } from '../api/calendar-api';
import { lightColours, lightNames, lightOf, percentText, type Light } from './traffic-light';

type Row = CompletionView['units'][number];
const count = (title: string, key: keyof Row) => ({ title, dataIndex: key, width: 84, align: 'right' as const, className: 'kh-num', sorter: (a: Row, b: Row) => (a[key] as number) - (b[key] as number) });

/** One table of the dashboard (by unit or by lead department) with its light, share and counts; sortable and filterable. */
export function CompletionTable({ rows, who }: { rows: Row[]; who: string }) {
  const [keyword, setKeyword] = useState('');
  const [light, setLight] = useState<Light | undefined>();
  const shown = rows.filter((r) => (!keyword || r.unitName.includes(keyword)) && (!light || lightOf(r) === light));
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search placeholder={`${who}名称`} allowClear onSearch={setKeyword} style={{ width: 200 }} />
        <Select allowClear placeholder="预警状态" style={{ width: 140 }} value={light} onChange={setLight} options={(['red', 'yellow', 'green', 'none'] as const).map((l) => ({ value: l, label: lightNames[l] }))} />
      </Space>
      <ListTable<Row>
        rowKey="unitId"
        dataSource={shown}
        scroll={{ x: 900 }}
        empty={rows.length ? '没有符合条件的记录，请修改查询条件' : '尚无应报事项。请先在“报送日历”设定报送周期并生成应报事项。'}
        columns={[
          { title: who, dataIndex: 'unitName', sorter: (a, b) => a.unitName.localeCompare(b.unitName, 'zh-CN') },
          {
            title: '预警',
            key: 'light',
            width: 90,
            sorter: (a, b) => ['red', 'yellow', 'green', 'none'].indexOf(lightOf(a)) - ['red', 'yellow', 'green', 'none'].indexOf(lightOf(b)),
            render: (_v, r) => <Tag color={lightColours[lightOf(r)]} data-light={lightOf(r)}>{lightNames[lightOf(r)]}</Tag>,
          },
          { title: '报送率', key: 'share', width: 90, align: 'right', className: 'kh-num', render: (_v, r) => percentText(r) },
          count('应报', 'due'),
          count('已到期', 'dueByNow'),
          count('已报送', 'submitted'),
          count('已核定', 'verified'),
          count('已退回', 'returned'),
          count('逾期报送', 'late'),
          count('逾期未报', 'missing'),
        ]}
      />
    </>
  );
}

/** 报送完成情况: what is due, submitted, verified, returned and late, by unit and by lead department, with traffic lights. */
export function CompletionPage() {
  const { id = '' } = useParams();
  const [asOf, setAsOf] = useState<string | undefined>();
  const completion = useCompletion(id, asOf);
  const data = completion.data;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/assessments">考核年度</Link> }, { title: '报送完成情况' }]} />
      <Card
        title="报送完成情况"
        loading={completion.isLoading}
        extra={
          <Space>
            <span>统计截至</span>
            <DatePicker allowClear value={asOf ? dayjs(asOf) : null} onChange={(d) => setAsOf(d ? d.format('YYYY-MM-DD') : undefined)} placeholder={data?.asOf ?? '今日'} />
            <Link to={`/assessments/${id}/calendar`}>报送日历</Link>
          </Space>
        }
      >
        <ErrorAlert error={completion.error} />
        {data && (
          <>
            <Space wrap size="large" style={{ marginBottom: 16 }}>
              <Statistic title={`截至 ${data.asOf} 已到期`} value={data.total.dueByNow} suffix={`/ ${data.total.due}`} />
              <Statistic title="已报送" value={data.total.submitted} />
              <Statistic title="已核定" value={data.total.verified} />
              <Statistic title="已退回" value={data.total.returned} />
              <Statistic title="逾期报送" value={data.total.late} />
              <Statistic title="逾期未报" value={data.total.missing} valueStyle={data.total.missing ? { color: '#cf1322' } : undefined} />
              <Statistic title="报送率" value={percentText(data.total)} />
            </Space>
            <p className="kh-muted">预警：已到期事项的报送率 ≥ 95% 为正常（绿），85%–95% 为预警（黄），低于 85% 为滞后（红）。</p>
            <Tabs
              items={[
                { key: 'units', label: `按单位（${data.units.length}）`, children: <CompletionTable rows={data.units} who="单位" /> },
                { key: 'leads', label: `按牵头部门（${data.leadDepartments.length}）`, children: <CompletionTable rows={data.leadDepartments} who="牵头部门" /> },
              ]}
            />
          </>
        )}
      </Card>
    </Space>
  );
}
