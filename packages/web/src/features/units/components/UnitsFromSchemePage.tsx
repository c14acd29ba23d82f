import type { UnitsFromSchemeResult } from '@kaohe/contract/api/units-from-scheme';
import { Alert, Breadcrumb, Button, Card, Select, Space, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { EmptyState } from '../../../components/ui/EmptyState';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { pagination } from '../../../components/ui/table';
import { useSchemeVersions, useUnitsFromScheme } from '../api/units-api';

const byNames = { code: '编码', name: '名称', alias: '别名', resolution: '人工指定' } as const;

/** 单位、类别与分组（从方案建立）: the match report (matched / to create / ambiguous), then one call writes it. */
export function UnitsFromSchemePage() {
  const { id = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const versions = useSchemeVersions(id);
  const schemeId = search.get('scheme') ?? versions.data?.[versions.data.length - 1]?.id;
  const run = useUnitsFromScheme();
  const [resolutions, setResolutions] = useState<Record<string, string>>({});
  const report: UnitsFromSchemeResult | undefined = run.data;
  const unresolved = (report?.ambiguous ?? []).filter((a) => !resolutions[a.schemeCode]).length;
  const go = (dryRun: boolean) => schemeId && run.mutate({ schemeId, dryRun, resolutions });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/assessments">考核年度</Link> }, { title: '从方案建立单位' }]} />
      <Card title="单位、类别与分组（从方案建立）">
        <ErrorAlert error={versions.error ?? run.error} />
        {versions.data?.length === 0 ? (
          <EmptyState title="尚无方案。请先导入方案，再从方案建立单位。" action={<Link to={`/assessments/${id}/import`}><Button type="primary">导入方案</Button></Link>} />
        ) : (
          <Space wrap style={{ marginBottom: 16 }}>
            <span>方案版本</span>
            <Select style={{ width: 200 }} value={schemeId} onChange={(v) => setSearch({ scheme: v })} options={(versions.data ?? []).map((v) => ({ value: v.id, label: `第 ${v.version} 版（${v.status === 'published' ? '已发布' : '草稿'}）` }))} />
            <Button onClick={() => go(true)} loading={run.isPending && run.variables?.dryRun}>
              预览匹配
            </Button>
            <Button type="primary" disabled={!report || unresolved > 0} onClick={() => go(false)} loading={run.isPending && !run.variables?.dryRun}>
              建立单位
            </Button>
          </Space>
        )}
        {!report && versions.data && versions.data.length > 0 && <EmptyState title="点“预览匹配”，查看方案中的单位与系统中单位的对应关系（不写入）。" />}
        {report?.applied && <Alert type="success" showIcon style={{ marginBottom: 12 }} message={`已写入：匹配 ${report.matched.length} 个，新建 ${report.created.length} 个单位。`} action={<Link to={`/assessments/${id}/import`}>返回方案导入</Link>} />}
        {report && !report.applied && report.ambiguous.length > 0 && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={`${report.ambiguous.length} 个单位有歧义：请为每个指定对应的已有单位或新建，有歧义时不写入任何内容。`} />}
        {report && !report.applied && report.ambiguous.length === 0 && report.dryRun && <Alert type="info" showIcon style={{ marginBottom: 12 }} message="预览：尚未写入。核对无误后点“建立单位”。" />}
        {report && (
          <Tabs
            items={[
              {
                key: 'matched',
                label: `已匹配（${report.matched.length}）`,
                children: (
                  <Table rowKey="schemeCode" size="small" dataSource={report.matched} pagination={pagination()} columns={[
                    { title: '方案中的单位', dataIndex: 'schemeName', sorter: (a, b) => a.schemeName.localeCompare(b.schemeName, 'zh-CN') },
                    { title: '系统中的单位', key: 'unit', render: (_v, m) => `${m.unitName}（${m.unitCode}）` },
                    { title: '依据', dataIndex: 'by', width: 90, render: (b: keyof typeof byNames) => <Tag>{byNames[b]}</Tag> },
                  ]} />
                ),
              },
              {
                key: 'created',
                label: `${report.applied ? '已新建' : '将新建'}（${report.created.length}）`,
                children: (
                  <Table rowKey="schemeCode" size="small" dataSource={report.created} pagination={pagination()} columns={[
                    { title: '方案中的单位', dataIndex: 'schemeName' },
                    { title: '编码', dataIndex: 'schemeCode', width: 140 },
                    { title: '类别', dataIndex: 'category', width: 160, render: (v: string | null) => v ?? '—' },
                    { title: '分组', dataIndex: 'group', width: 160, render: (v: string | null) => v ?? '—' },
                  ]} />
                ),
              },
              {
                key: 'ambiguous',
                label: `有歧义（${report.ambiguous.length}）`,
                children: (
                  <Table rowKey="schemeCode" size="small" dataSource={report.ambiguous} pagination={pagination()} locale={{ emptyText: '没有歧义。' }} columns={[
                    { title: '方案中的单位', dataIndex: 'schemeName' },
                    { title: '原因', dataIndex: 'reason' },
                    {
                      title: '处理',
                      key: 'resolve',
                      width: 260,
                      render: (_v, a) => (
                        <Select
                          style={{ width: 240 }}
                          placeholder="请选择"
                          value={resolutions[a.schemeCode]}
                          onChange={(v: string) => setResolutions((r) => ({ ...r, [a.schemeCode]: v }))}
                          options={[...a.candidates.map((c) => ({ value: c.unitId, label: `对应 ${c.unitName}（${c.unitCode}）` })), { value: 'create', label: '新建单位' }]}
                        />
                      ),
                    },
                  ]} />
                ),
              },
            ]}
          />
        )}
      </Card>
    </Space>
  );
}
