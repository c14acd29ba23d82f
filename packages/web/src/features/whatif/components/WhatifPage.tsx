import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { ScenarioView } from '@kaohe/contract/api';
import { whatifOpKinds } from '@kaohe/contract/api';
import { Alert, Breadcrumb, Button, Card, Form, Input, InputNumber, Select, Space, Spin, message } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { ListTable } from '../../../components/ui/ListTable';
import { formatDateTime } from '../../../lib/format';
import { useCompare, useCurrentResults, useRunScenario, useSaveScenario, useScenarioResult, useScenarios } from '../api/whatif-api';
import { opFields, opNames, opsOf, type OpDraft } from './scenario-ops';
import { WhatifCompareTable, WhatifResultTable } from './WhatifTables';

type Draft = { name: string; description?: string; ops: OpDraft[] };

/** 情景试算 (考评办): build a scenario of operations on a copy, see every unit before and after, save it and compare two saved ones. */
export function WhatifPage() {
  const { id = '' } = useParams();
  const [form] = Form.useForm<Draft>();
  const run = useRunScenario(id);
  const save = useSaveScenario(id);
  const scenarios = useScenarios(id);
  const results = useCurrentResults(id);
  const [viewing, setViewing] = useState<string | undefined>();
  const saved = useScenarioResult(id, viewing);
  const [selected, setSelected] = useState<string[]>([]);
  const [pair, setPair] = useState<[string, string] | null>(null);
  const compare = useCompare(id, pair);
  const units = useMemo(() => (results.data ?? []).map((u) => ({ value: u.unitCode, label: u.unitName })), [results.data]);
  const grades = useMemo(() => [...new Map((results.data ?? []).filter((u) => u.grade).map((u) => [u.grade!, u.gradeName ?? u.grade!])).entries()].map(([value, label]) => ({ value, label })), [results.data]);

  const body = async () => {
    const values = await form.validateFields();
    const { ops, errors } = opsOf(values.ops ?? []);
    form.setFields(errors.map((e) => ({ name: ['ops', e.index, e.field] as never, errors: [e.message] })));
    if (errors.length) return null;
    return { name: values.name, ...(values.description ? { description: values.description } : {}), ops };
  };
  const runNow = async () => {
    const scenario = await body().catch(() => null);
    if (scenario) run.mutate(scenario);
  };
  const saveNow = async () => {
    const scenario = await body().catch(() => null);
    if (!scenario) return;
    try {
      await save.mutateAsync(scenario);
      message.success(`已保存情景“${scenario.name}”`);
    } catch {
      // shown in the message area
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/assessments">考核年度</Link> }, { title: '情景试算' }]} />
      <Alert type="info" showIcon message="情景试算在已发布方案和已核验事实的副本上计算，不改变任何真实数据。" />
      <Card title="新建情景">
        <ErrorAlert error={run.error ?? save.error} />
        <Form form={form} layout="vertical" initialValues={{ ops: [{ op: 'set-band' }] }}>
          <Space wrap align="start">
            <Form.Item name="name" label="情景名称" rules={[{ required: true, message: '情景名称不能为空' }]}>
              <Input style={{ width: 280 }} maxLength={200} placeholder="如 优秀线上调到 97" />
            </Form.Item>
            <Form.Item name="description" label="说明">
              <Input style={{ width: 360 }} maxLength={4000} />
            </Form.Item>
          </Space>
          <Form.List name="ops">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Card key={field.key} size="small" style={{ marginBottom: 8 }} title={`第 ${field.name + 1} 项操作`} extra={fields.length > 1 && <MinusCircleOutlined aria-label="删除此项" onClick={() => remove(field.name)} />}>
                    <Space wrap align="start">
                      <Form.Item name={[field.name, 'op']} label="操作" rules={[{ required: true }]}>
                        <Select style={{ width: 220 }} options={whatifOpKinds.map((k) => ({ value: k, label: opNames[k] }))} />
                      </Form.Item>
                      <Form.Item noStyle shouldUpdate>
                        {() => {
                          const kind = form.getFieldValue(['ops', field.name, 'op']) as OpDraft['op'] | undefined;
                          return (kind ? opFields[kind] : []).map((f) => (
                            <Form.Item key={f.name} name={[field.name, f.name]} label={f.label} required={!f.optional}>
                              {f.kind === 'unit' ? (
                                <Select showSearch optionFilterProp="label" style={{ width: 180 }} options={units} placeholder="选择单位" />
                              ) : f.kind === 'grade' ? (
                                <Select style={{ width: 120 }} options={grades} placeholder="等次" />
                              ) : f.kind === 'scope' ? (
                                <Select allowClear style={{ width: 120 }} options={[{ value: 'group', label: '每个分组' }, { value: 'all', label: '全部单位' }]} />
                              ) : f.kind === 'int' ? (
                                <InputNumber min={0} precision={0} />
                              ) : f.kind === 'json' ? (
                                <Input.TextArea rows={3} style={{ width: 360, fontFamily: 'monospace' }} />
                              ) : (
                                <Input style={{ width: f.kind === 'decimal' ? 110 : 140 }} />
                              )}
                            </Form.Item>
                          ));
                        }}
                      </Form.Item>
                      <Form.Item name={[field.name, 'reason']} label="理由" required>
                        <Input style={{ width: 260 }} maxLength={4000} />
                      </Form.Item>
                    </Space>
                  </Card>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ op: 'waive-late' })}>
                  添加操作
                </Button>
              </>
            )}
          </Form.List>
        </Form>
        <Space style={{ marginTop: 16 }}>
          <Button type="primary" onClick={runNow} loading={run.isPending}>
            试算
          </Button>
          <Button onClick={saveNow} loading={save.isPending}>
            保存情景
          </Button>
        </Space>
        {run.isPending && <Spin tip="正在副本上重新计算全部单位…"><div style={{ minHeight: 60 }} /></Spin>}
        {run.data && (
          <div style={{ marginTop: 16 }} data-testid="whatif-result">
            <WhatifResultTable result={run.data} />
          </div>
        )}
      </Card>
      <Card title="已保存的情景" extra={<Button disabled={selected.length !== 2} title={selected.length !== 2 ? '请勾选两个情景' : undefined} onClick={() => setPair([selected[0]!, selected[1]!])}>比较所选两个情景</Button>}>
        <ErrorAlert error={scenarios.error ?? saved.error ?? compare.error} />
        <ListTable<ScenarioView>
          rowKey="id"
          loading={scenarios.isLoading}
          dataSource={scenarios.data ?? []}
          rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected((keys as string[]).slice(-2)) }}
          empty="尚无保存的情景。在上方新建情景并点击“保存情景”。"
          columns={[
            { title: '名称', dataIndex: 'name' },
            { title: '操作', key: 'ops', render: (_v, r) => r.ops.map((o) => opNames[o.op]).join('；') },
            { title: '保存时间', dataIndex: 'createdAt', width: 150, render: formatDateTime },
            { title: '', key: 'view', width: 110, render: (_v, r) => <Button size="small" onClick={() => setViewing(r.id)}>按当前数据试算</Button> },
          ]}
        />
        {saved.isFetching && <Spin tip="正在试算…" />}
        {saved.data && viewing && (
          <div style={{ marginTop: 16 }}>
            <WhatifResultTable result={saved.data} />
          </div>
        )}
        {compare.isFetching && <Spin tip="正在比较…" />}
        {compare.data && pair && (
          <div style={{ marginTop: 16 }} data-testid="whatif-compare">
            <WhatifCompareTable compare={compare.data} />
          </div>
        )}
      </Card>
    </Space>
  );
}
