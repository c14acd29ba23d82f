import type { ResponseOf } from '@kaohe/contract/api';
import type { whatifApi } from '@kaohe/contract/api';
import { Space, Switch, Tag } from 'antd';
import { useState } from 'react';
import { ListTable } from '../../../components/ui/ListTable';
import { Points } from '../../../components/ui/Points';
import { compareDecimal } from '../../../lib/format';

type Result = ResponseOf<typeof whatifApi.run>;
type UnitRow = Result['units'][number];
type Outcome = UnitRow['before'];
type CompareRow = ResponseOf<typeof whatifApi.compare>['units'][number];

const outcomeColumns = <T,>(title: string, pick: (row: T) => Outcome, key: string, changed?: (row: T) => boolean) => ({
  title,
  key,
  children: [
    { title: '总分', key: `${key}-total`, width: 90, align: 'right' as const, className: 'kh-num', sorter: (a: T, b: T) => compareDecimal(pick(a).total, pick(b).total), render: (_v: unknown, r: T) => <Points value={pick(r).total} /> },
    { title: '等次', key: `${key}-grade`, width: 80, render: (_v: unknown, r: T) => pick(r).gradeName ?? pick(r).grade ?? '—' },
    { title: '名次', key: `${key}-rank`, width: 64, align: 'right' as const, className: 'kh-num', render: (_v: unknown, r: T) => (changed?.(r) ? <strong>{pick(r).rank ?? '—'}</strong> : (pick(r).rank ?? '—')) },
  ],
});

/** 情景前后对比: each unit's total, grade and rank now and in the scenario, side by side, with the change; 只看有变化 by default. */
export function WhatifResultTable({ result }: { result: Result }) {
  const [onlyChanged, setOnlyChanged] = useState(true);
  const rows = onlyChanged ? result.units.filter((u) => u.changed) : result.units;
  return (
    <>
      <Space style={{ marginBottom: 8 }} wrap>
        <span>
          情景“{result.scenario}”（方案第 {result.schemeVersion} 版）：<strong>{result.changedUnits}</strong> 个单位的总分、等次或名次有变化。
        </span>
        <Switch checked={onlyChanged} onChange={setOnlyChanged} checkedChildren="只看有变化" unCheckedChildren="全部单位" />
      </Space>
      <ol className="kh-applied">
        {result.applied.map((a) => (
          <li key={a.index}>
            {a.summary}（理由：{a.reason}）
          </li>
        ))}
      </ol>
      <ListTable<UnitRow>
        rowKey="unitCode"
        bordered
        dataSource={rows}
        scroll={{ x: 760 }}
        empty={onlyChanged ? '此情景下没有单位的总分、等次或名次发生变化。关闭“只看有变化”可查看全部单位。' : '没有单位。'}
        columns={[
          { title: '单位', dataIndex: 'unitName', fixed: 'left', width: 130, sorter: (a, b) => a.unitName.localeCompare(b.unitName, 'zh-CN') },
          outcomeColumns<UnitRow>('现状', (r) => r.before, 'before'),
          outcomeColumns<UnitRow>('情景', (r) => r.after, 'after', (r) => r.before.rank !== r.after.rank),
          {
            title: '总分变化',
            dataIndex: 'delta',
            width: 96,
            align: 'right',
            className: 'kh-num',
            sorter: (a, b) => compareDecimal(a.delta, b.delta),
            render: (v: string, r) => (
              <Space size={4}>
                <Points value={v} signed />
                {r.before.grade !== r.after.grade && <Tag color="orange">等次变</Tag>}
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}

/** Two saved scenarios side by side: now, scenario A and scenario B for every unit. */
export function WhatifCompareTable({ compare }: { compare: ResponseOf<typeof whatifApi.compare> }) {
  const [a, b] = compare.scenarios;
  const differs = (r: CompareRow) => r.after.some((o) => o.total !== r.before.total || o.grade !== r.before.grade || o.rank !== r.before.rank);
  const [onlyChanged, setOnlyChanged] = useState(true);
  const rows = onlyChanged ? compare.units.filter(differs) : compare.units;
  return (
    <>
      <Space style={{ marginBottom: 8 }}>
        <span>
          “{a!.name}”变化 {a!.changedUnits} 个单位，“{b!.name}”变化 {b!.changedUnits} 个单位。
        </span>
        <Switch checked={onlyChanged} onChange={setOnlyChanged} checkedChildren="只看有变化" unCheckedChildren="全部单位" />
      </Space>
      <ListTable<CompareRow>
        rowKey="unitCode"
        bordered
        dataSource={rows}
        scroll={{ x: 980 }}
        empty="两个情景下都没有单位发生变化。"
        columns={[
          { title: '单位', dataIndex: 'unitName', fixed: 'left', width: 130 },
          outcomeColumns<CompareRow>('现状', (r) => r.before, 'before'),
          outcomeColumns<CompareRow>(`情景 A：${a!.name}`, (r) => r.after[0]!, 'a'),
          outcomeColumns<CompareRow>(`情景 B：${b!.name}`, (r) => r.after[1]!, 'b'),
        ]}
      />
    </>
  );
}
