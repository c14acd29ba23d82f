import { Alert, Breadcrumb, Button, Card, Form, Input, Modal, Space, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { latestSchemeId, useSchemeTree, useSchemeVersions } from '../../../components/scheme/scheme-queries';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { ListTable } from '../../../components/ui/ListTable';
import { Points } from '../../../components/ui/Points';
import { showFieldErrors } from '../../../lib/api-client';
import { useAuth } from '../../../lib/auth';
import { isDecimal } from '../../../lib/decimal';
import { useSetTarget, useTargets, useUnits } from '../api/targets-api';
import { targetGroups, type TargetGroup, type TargetRow } from './target-sums';

const stateTag = { below: <Tag color="red">低于总目标</Tag>, ok: <Tag color="green">不低于总目标</Tag>, unknown: <Tag>无法核对</Tag> } as const;

/** 目标分解: each target split over the units, the units' sum against the target it decomposes. */
export function DecompositionPage() {
  const { id = '' } = useParams();
  const { can } = useAuth();
  const versions = useSchemeVersions(id);
  const tree = useSchemeTree(latestSchemeId(versions.data, null));
  const targets = useTargets(id);
  const units = useUnits();
  const save = useSetTarget(id);
  const [editing, setEditing] = useState<TargetRow | null>(null);
  const [form] = Form.useForm<{ target: string; value: string }>();
  const unitName = useMemo(() => new Map((units.data ?? []).map((u) => [u.id, u.name])), [units.data]);
  const groups = useMemo(() => targetGroups(tree.data?.nodes ?? [], targets.data ?? []), [tree.data, targets.data]);
  const below = groups.filter((g) => g.state === 'below').length;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/assessments">考核年度</Link> }, { title: '目标分解' }]} />
      <Card title="目标分解">
        <ErrorAlert error={versions.error ?? tree.error ?? targets.error ?? units.error} />
        {below > 0 && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={`${below} 项目标分解到各单位的合计低于总目标`} />}
        <ListTable<TargetGroup>
          rowKey="clauseKey"
          loading={targets.isLoading || tree.isLoading}
          dataSource={groups}
          scroll={{ x: 900 }}
          empty="尚未分解目标。方案发布并建立单位后，可按单位设定各指标的目标。"
          rowClassName={(g) => (g.state === 'below' ? 'kh-row-warning' : '')}
          expandable={{
            expandedRowRender: (g) => (
              <Table<TargetRow>
                rowKey="id"
                size="small"
                dataSource={g.rows}
                pagination={false}
                columns={[
                  { title: '单位', key: 'unit', render: (_v, r) => unitName.get(r.unitId) ?? r.unitId, sorter: (a, b) => (unitName.get(a.unitId) ?? '').localeCompare(unitName.get(b.unitId) ?? '', 'zh-CN') },
                  { title: '目标', dataIndex: 'target' },
                  { title: '目标值', key: 'value', width: 120, align: 'right', render: (_v, r) => <Points value={r.value === null || r.value === undefined ? null : String(r.value)} /> },
                  { title: '操作', key: 'edit', width: 80, render: (_v, r) => (can('target:write') ? <Button type="link" size="small" onClick={() => { setEditing(r); form.setFieldsValue({ target: r.target, value: r.value === null || r.value === undefined ? '' : String(r.value) }); }}>修改</Button> : null) },
                ]}
              />
            ),
          }}
          columns={[
            { title: '指标或条款', key: 'title', render: (_v, g) => `${g.title}（${g.clauseKey}）`, sorter: (a, b) => a.title.localeCompare(b.title, 'zh-CN') },
            { title: '总目标', key: 'parent', render: (_v, g) => g.parentText ?? '—' },
            { title: '总目标值', key: 'parentValue', width: 110, align: 'right', render: (_v, g) => <Points value={g.parentValue} /> },
            { title: '单位数', key: 'count', width: 80, align: 'right', render: (_v, g) => g.rows.length },
            { title: '分解合计', key: 'sum', width: 110, align: 'right', render: (_v, g) => <Points value={g.sum} /> },
            { title: '核对', key: 'state', width: 120, render: (_v, g) => stateTag[g.state], filters: [{ text: '低于总目标', value: 'below' }, { text: '不低于总目标', value: 'ok' }, { text: '无法核对', value: 'unknown' }], onFilter: (v, g) => g.state === v },
          ]}
        />
      </Card>
      <Modal open={!!editing} title="修改目标" okText="保存目标" cancelText="取消" confirmLoading={save.isPending} onCancel={() => setEditing(null)} onOk={() => form.submit()} destroyOnHidden>
        <ErrorAlert error={save.error} />
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => editing && save.mutate({ unitId: editing.unitId, clauseKey: editing.clauseKey, target: v.target.trim(), value: v.value?.trim() ? v.value.trim() : null }, { onSuccess: () => setEditing(null), onError: (e) => showFieldErrors(form, e) })}
        >
          <Form.Item name="target" label="目标" rules={[{ required: true, whitespace: true, message: '请填写目标' }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="value" label="目标值" rules={[{ validator: (_r, v: string) => (!v || isDecimal(v) ? Promise.resolve() : Promise.reject(new Error('目标值须为数字（最多 6 位小数）'))) }]}>
            <Input style={{ width: 160 }} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
