import type { ResponseOf } from '@kaohe/contract/api';
import type { schemeEditorApi } from '@kaohe/contract/api/scheme-editor';
import { Breadcrumb, Button, Card, Input, Select, Space, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { latestSchemeId, useSchemeVersions } from '../../../components/scheme/scheme-queries';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { ListTable } from '../../../components/ui/ListTable';
import { Points } from '../../../components/ui/Points';
import { exportUrl, useResponsibility } from '../api/responsibility-api';

type Row = ResponseOf<typeof schemeEditorApi.responsibility>['rows'][number];
const tags = (list: string[]) => (list.length ? list.map((n) => <Tag key={n}>{n}</Tag>) : <span className="kh-muted">未指定</span>);

/** 责任分工表: each clause × its 责任处室 × 牵头领导 (and 考核牵头部门), filterable, exported as Word or Excel. */
export function ResponsibilityPage() {
  const { id = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const versions = useSchemeVersions(id);
  const schemeId = latestSchemeId(versions.data, search.get('scheme'));
  const matrix = useResponsibility(schemeId);
  const [keyword, setKeyword] = useState('');
  const [division, setDivision] = useState<string | undefined>();
  const [leader, setLeader] = useState<string | undefined>();
  const rows = matrix.data?.rows ?? [];
  const divisions = useMemo(() => [...new Set(rows.flatMap((r) => r.divisions))].sort((a, b) => a.localeCompare(b, 'zh-CN')), [rows]);
  const leaders = useMemo(() => [...new Set(rows.flatMap((r) => r.leaders))].sort((a, b) => a.localeCompare(b, 'zh-CN')), [rows]);
  const shown = rows.filter((r) => (!keyword || r.text.includes(keyword) || r.indicatorPath.includes(keyword) || r.clauseCode.includes(keyword)) && (!division || r.divisions.includes(division)) && (!leader || r.leaders.includes(leader)));
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/assessments">考核年度</Link> }, { title: '责任分工' }]} />
      <Card
        title="责任分工表"
        extra={
          schemeId && (
            <Space>
              <a href={exportUrl(schemeId, 'xlsx')} download>
                <Button>导出 Excel</Button>
              </a>
              <a href={exportUrl(schemeId, 'docx')} download>
                <Button>导出 Word</Button>
              </a>
            </Space>
          )
        }
      >
        <ErrorAlert error={versions.error ?? matrix.error} />
        <Space wrap style={{ marginBottom: 16 }}>
          <Select style={{ width: 180 }} value={schemeId} onChange={(v) => setSearch({ scheme: v })} options={(versions.data ?? []).map((v) => ({ value: v.id, label: `方案第 ${v.version} 版` }))} placeholder="方案版本" />
          <Input.Search placeholder="条款、指标或原文" allowClear onSearch={setKeyword} style={{ width: 220 }} />
          <Select allowClear placeholder="责任处室" style={{ width: 180 }} value={division} onChange={setDivision} options={divisions.map((d) => ({ value: d, label: d }))} />
          <Select allowClear placeholder="牵头领导" style={{ width: 160 }} value={leader} onChange={setLeader} options={leaders.map((d) => ({ value: d, label: d }))} />
        </Space>
        <ListTable<Row>
          rowKey="clauseCode"
          loading={matrix.isLoading}
          dataSource={shown}
          scroll={{ x: 1000 }}
          empty={rows.length ? '没有符合条件的条款，请修改查询条件' : '尚无方案或方案中没有条款。请先导入方案。'}
          columns={[
            { title: '条款', dataIndex: 'clauseCode', width: 110, sorter: (a, b) => a.clauseCode.localeCompare(b.clauseCode, 'zh-CN', { numeric: true }) },
            { title: '指标', dataIndex: 'indicatorPath', width: 200 },
            { title: '内容', dataIndex: 'text' },
            { title: '分值', dataIndex: 'points', width: 80, align: 'right', render: (v: string | null) => <Points value={v} /> },
            { title: '责任处室', key: 'divisions', width: 160, render: (_v, r) => tags(r.divisions) },
            { title: '牵头领导', key: 'leaders', width: 120, render: (_v, r) => tags(r.leaders) },
            { title: '考核牵头部门', key: 'assessors', width: 150, render: (_v, r) => tags(r.assessors) },
          ]}
        />
      </Card>
    </Space>
  );
}
