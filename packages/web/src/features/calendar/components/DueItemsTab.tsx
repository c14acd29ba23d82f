import { dueStateNames, dueStates, type DueItemView } from '@kaohe/contract/api';
import { DatePicker, Select, Space, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { ListTable } from '../../../components/ui/ListTable';
import { formatDateTime } from '../../../lib/format';
import { useDueItems, useRankedUnits } from '../api/calendar-api';

type State = (typeof dueStates)[number];
export const stateColours: Record<State, string> = { due: 'default', submitted: 'processing', verified: 'success', returned: 'warning', late: 'orange', missing: 'error' };

/** 应报事项: every unit's due dates per period with its state, filtered by unit, state and due-date range (the server's data scope applies). */
export function DueItemsTab({ assessmentId }: { assessmentId: string }) {
  const [unitId, setUnitId] = useState<string | undefined>();
  const [state, setState] = useState<State | undefined>();
  const [range, setRange] = useState<[string, string] | null>(null);
  const due = useDueItems(assessmentId, { unitId, state, from: range?.[0], to: range?.[1] });
  const units = useRankedUnits(assessmentId);
  const unitOptions = [...new Map((due.data ?? []).map((d) => [d.unitId, d.unitName])).entries(), ...(units.data ?? []).map((u) => [u.unitId, u.unitName] as const)];
  const uniqueUnits = [...new Map(unitOptions).entries()].map(([value, label]) => ({ value, label }));
  return (
    <>
      <ErrorAlert error={due.error} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select allowClear showSearch optionFilterProp="label" placeholder="单位" style={{ width: 200 }} value={unitId} onChange={setUnitId} options={uniqueUnits} />
        <Select allowClear placeholder="状态" style={{ width: 130 }} value={state} onChange={setState} options={dueStates.map((s) => ({ value: s, label: dueStateNames[s] }))} />
        <DatePicker.RangePicker
          value={range ? [dayjs(range[0]), dayjs(range[1])] : null}
          onChange={(d) => setRange(d?.[0] && d[1] ? [d[0].format('YYYY-MM-DD'), d[1].format('YYYY-MM-DD')] : null)}
          placeholder={['截止日从', '截止日到']}
        />
      </Space>
      <ListTable<DueItemView>
        rowKey="id"
        loading={due.isLoading}
        dataSource={due.data ?? []}
        scroll={{ x: 1100 }}
        empty={unitId || state || range ? '没有符合条件的应报事项，请修改查询条件' : '尚无应报事项。设定报送周期后点击“生成应报事项”。'}
        columns={[
          { title: '单位', dataIndex: 'unitName', width: 140, sorter: (a, b) => a.unitName.localeCompare(b.unitName, 'zh-CN') },
          { title: '条款/指标', dataIndex: 'ref', width: 100 },
          { title: '期次', dataIndex: 'label', width: 130 },
          { title: '处室截止', dataIndex: 'divisionDue', width: 110 },
          { title: '单位截止', dataIndex: 'unitDue', width: 110, sorter: (a, b) => a.unitDue.localeCompare(b.unitDue) },
          { title: '牵头部门截止', dataIndex: 'dueDate', width: 120, sorter: (a, b) => a.dueDate.localeCompare(b.dueDate), defaultSortOrder: 'ascend' },
          { title: '提交时间', dataIndex: 'submittedAt', width: 140, render: formatDateTime },
          { title: '核定时间', dataIndex: 'verifiedAt', width: 140, render: formatDateTime },
          { title: '状态', dataIndex: 'state', width: 100, render: (_v, r) => <Tag color={stateColours[r.state]}>{r.stateName}</Tag> },
          { title: '逾期（工作日）', dataIndex: 'businessDaysLate', width: 120, align: 'right', className: 'kh-num', render: (v: number, r) => (v || r.daysLate ? `${v}（自然日 ${r.daysLate}）` : '—') },
        ]}
      />
    </>
  );
}
