import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { BodyOf, ResponseOf } from '@kaohe/contract/api';
import type { multiyearApi } from '@kaohe/contract/api/multiyear';
import { Alert, Breadcrumb, Button, Card, Form, Input, InputNumber, Select, Space, Table, Tag } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { Link, useParams } from 'react-router';
import { EmptyState } from '../../../components/ui/EmptyState';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { Points } from '../../../components/ui/Points';
import { pagination } from '../../../components/ui/table';
import { showFieldErrors } from '../../../lib/api-client';
import { useAuth } from '../../../lib/auth';
import { useAssessmentList, useCompareYears, useCopyToNextYear, useUnitsWithResults } from '../api/multiyear-api';

const YearsChart = lazy(() => import('../../../components/charts/YearsChart'));
type CopyBody = BodyOf<typeof multiyearApi.copy>;
type Indicator = ResponseOf<typeof multiyearApi.compare>['indicators'][number];
const kindNames: Record<Indicator['kind'], string> = { kept: '未变', changed: '调整', split: '拆分', merged: '合并', removed: '删除' };
const kindColours: Record<Indicator['kind'], string> = { kept: 'default', changed: 'blue', split: 'purple', merged: 'cyan', removed: 'red' };

/** 复制到下一年度: the new assessment's name and year and the mapping of changed, split, merged and removed indicators. */
function CopyCard({ assessmentId, year }: { assessmentId: string; year: number | undefined }) {
  const [form] = Form.useForm<CopyBody>();
  const copy = useCopyToNextYear(assessmentId);
  const submit = async (values: CopyBody) => {
    try {
      await copy.mutateAsync({ ...values, mapping: (values.mapping ?? []).map((m) => Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined && v !== '')) as NonNullable<CopyBody['mapping']>[number]) });
    } catch (error) {
      showFieldErrors(form, error);
    }
  };
  return (
    <Card title="复制到下一年度">
      <p className="kh-muted">以本考核最新发布的方案为底稿生成下一年度考核的方案草稿；未列出的指标原样保留，对应关系保存用于跨年度比较。</p>
      <ErrorAlert error={copy.error} />
      {copy.data && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          message={
            <span>
              已建立 {copy.data.assessment.year} 年度考核“{copy.data.assessment.name}”（方案第 {copy.data.scheme.version} 版，草稿），记录对应关系 {copy.data.mapped} 行。
              <Link to={`/assessments/${copy.data.assessment.id}/scheme`}>打开方案编辑</Link>
            </span>
          }
          description={copy.data.todo.length > 0 && <ul style={{ margin: 0 }}>{copy.data.todo.map((t) => <li key={t}>{t}</li>)}</ul>}
        />
      )}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ mapping: [] }}>
        <Space wrap>
          <Form.Item name="name" label="新考核名称" rules={[{ required: true, message: '考核名称不能为空' }]}>
            <Input style={{ width: 320 }} placeholder={year ? `${year + 1} 年度目标责任制考核` : undefined} />
          </Form.Item>
          <Form.Item name="year" label="年度（默认下一年）">
            <InputNumber min={2000} max={2100} precision={0} placeholder={year ? String(year + 1) : undefined} />
          </Form.Item>
        </Space>
        <Form.List name="mapping">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" wrap>
                  <Form.Item name={[field.name, 'kind']} rules={[{ required: true, message: '请选择变化' }]}>
                    <Select style={{ width: 100 }} placeholder="变化" options={(['changed', 'split', 'merged', 'removed'] as const).map((k) => ({ value: k, label: kindNames[k] }))} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'from']} rules={[{ required: true, message: '请填写本年度指标编码' }]}>
                    <Input placeholder="本年度指标编码" style={{ width: 140 }} />
                  </Form.Item>
                  <Form.Item noStyle shouldUpdate>
                    {() =>
                      form.getFieldValue(['mapping', field.name, 'kind']) !== 'removed' && (
                        <>
                          <Form.Item name={[field.name, 'to']} rules={[{ required: true, message: '请填写下一年度指标编码' }]}>
                            <Input placeholder="下一年度指标编码" style={{ width: 140 }} />
                          </Form.Item>
                          <Form.Item name={[field.name, 'title']}>
                            <Input placeholder="新名称（可不填）" style={{ width: 180 }} />
                          </Form.Item>
                          <Form.Item name={[field.name, 'points']} rules={[{ pattern: /^\d+(\.\d{1,6})?$/, message: '分值须为数字' }]}>
                            <Input placeholder="分值" style={{ width: 80 }} />
                          </Form.Item>
                        </>
                      )
                    }
                  </Form.Item>
                  <Form.Item name={[field.name, 'note']}>
                    <Input placeholder="说明" style={{ width: 160 }} />
                  </Form.Item>
                  <MinusCircleOutlined aria-label="删除此行" onClick={() => remove(field.name)} />
                </Space>
              ))}
              <Form.Item>
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'changed' })}>
                  添加指标对应关系
                </Button>
              </Form.Item>
            </>
          )}
        </Form.List>
        <Button type="primary" htmlType="submit" loading={copy.isPending}>
          复制到下一年度
        </Button>
      </Form>
    </Card>
  );
}

const depth = (r: Indicator) => Math.min(...[...r.from, ...r.to].map((c) => c.split('.').length));
/** The chart shows the top-level indicators (a hundred leaves would be unreadable); the table lists every mapped one. */
export const topLevel = (rows: Indicator[]) => {
  const top = Math.min(...rows.map(depth));
  return rows.filter((r) => depth(r) === top);
};

/** 跨年度比较: a unit's total, grade and rank in two years and its mapped indicators, as a chart and a table. */
function CompareCard({ assessmentId }: { assessmentId: string }) {
  const assessments = useAssessmentList();
  const units = useUnitsWithResults(assessmentId);
  const [other, setOther] = useState<string | undefined>();
  const [unitId, setUnitId] = useState<string | undefined>();
  const compare = useCompareYears(assessmentId, other, unitId);
  const data = compare.data;
  const gradeName = (code: string | null | undefined) => (code ? ((units.data ?? []).find((u) => u.grade === code)?.gradeName ?? code) : '—');
  return (
    <Card title="跨年度比较">
      <Space wrap style={{ marginBottom: 12 }}>
        <Select style={{ width: 260 }} placeholder="另一年度的考核" value={other} onChange={setOther} options={(assessments.data ?? []).filter((a) => a.id !== assessmentId).map((a) => ({ value: a.id, label: `${a.year} 年 ${a.name}` }))} />
        <Select showSearch optionFilterProp="label" style={{ width: 200 }} placeholder="单位" value={unitId} onChange={setUnitId} options={(units.data ?? []).map((u) => ({ value: u.unitId, label: u.unitName }))} />
      </Space>
      <ErrorAlert error={assessments.error ?? units.error ?? compare.error} />
      {!data && !compare.error && <EmptyState title={(assessments.data ?? []).length < 2 ? '只有一个年度的考核。复制到下一年度并计算后，可在此比较。' : '请选择另一年度的考核和单位。'} />}
      {data && (
        <>
          <Space wrap size="large" style={{ marginBottom: 12 }}>
            {data.years.map((y, i) => (
              <span key={y}>
                {y} 年：总分 <Points value={data.totals[i]?.total} />，等次 {gradeName(data.totals[i]?.grade)}，名次 {data.totals[i]?.rank ?? '—'}
              </span>
            ))}
          </Space>
          <p className="kh-muted">图中为一级指标；下表列出全部对应指标的得分。</p>
          <Suspense fallback={<div style={{ height: 300 }} />}>
            <YearsChart years={[data.years[0]!, data.years[1]!]} rows={topLevel(data.indicators).map((r) => ({ name: r.titleAfter ?? r.titleBefore ?? r.to.join('、'), before: r.before, after: r.after }))} />
          </Suspense>
          <Table<Indicator>
            rowKey={(r) => `${r.from.join(',')}>${r.to.join(',')}`}
            size="small"
            dataSource={data.indicators}
            pagination={pagination()}
            columns={[
              { title: '变化', dataIndex: 'kind', width: 70, render: (k: Indicator['kind']) => <Tag color={kindColours[k]}>{kindNames[k]}</Tag> },
              { title: `${data.years[0]} 年指标`, key: 'from', render: (_v, r) => `${r.from.join('、')} ${r.titleBefore ?? ''}` },
              { title: `${data.years[1]} 年指标`, key: 'to', render: (_v, r) => `${r.to.join('、')} ${r.titleAfter ?? ''}` },
              { title: `${data.years[0]} 年得分`, dataIndex: 'before', width: 100, align: 'right', className: 'kh-num', render: (v: string | null) => <Points value={v} /> },
              { title: `${data.years[1]} 年得分`, dataIndex: 'after', width: 100, align: 'right', className: 'kh-num', render: (v: string | null) => <Points value={v} /> },
              { title: '变化', dataIndex: 'delta', width: 90, align: 'right', className: 'kh-num', render: (v: string | null) => (v === null ? '—' : <Points value={v} signed />) },
            ]}
          />
        </>
      )}
    </Card>
  );
}

/** 多年度: copy this year's scheme to the next with a mapping, and compare a unit across years. */
export function MultiyearPage() {
  const { id = '' } = useParams();
  const assessments = useAssessmentList();
  const { can } = useAuth();
  const year = assessments.data?.find((a) => a.id === id)?.year;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/assessments">考核年度</Link> }, { title: '多年度' }]} />
      <CompareCard assessmentId={id} />
      {can('assessment:create') && <CopyCard assessmentId={id} year={year} />}
    </Space>
  );
}
