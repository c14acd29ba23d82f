import type { QueueItemDto } from '@kaohe/contract/api/work';
import { Descriptions, Form, Input, InputNumber, Modal, Radio, Table, Typography } from 'antd';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { showFieldErrors } from '../../../lib/api-client';
import { factText, factsOf, fieldsOf, type Fact, type FactFields } from '../../../lib/fact-input';
import { useVerify } from '../api/verification-api';

const editable = ['occurrence', 'count', 'value', 'flag', 'rate', 'judgement'] as const;
type Editable = (typeof editable)[number];
const isEditable = (t: unknown): t is Editable => editable.includes(t as Editable);

/**
 * 核定: the unit's reported value (自评) beside the value the lead assessor confirms (核定), each
 * editable; a changed value is a correction and needs a reason. The server checks the facts
 * against the scheme and answers in Chinese, shown in the form.
 */
export function VerifyModal({ assessmentId, item, onClose }: { assessmentId: string; item: QueueItemDto; onClose: () => void }) {
  const [form] = Form.useForm<{ reason?: string; facts: Record<string, FactFields> }>();
  const verify = useVerify(assessmentId);
  const facts = item.report.facts as Fact[];
  const initial = Object.fromEntries(facts.filter((f) => isEditable(f.type)).map((f) => [f.id, fieldsOf({ factType: f.type as Editable, factId: f.id, points: '' }, [f])]));

  const submit = async () => {
    const values = await form.validateFields();
    const corrections: Fact[] = [];
    for (const f of facts) {
      if (!isEditable(f.type)) continue;
      const { facts: out, error } = factsOf({ factType: f.type, factId: f.id, points: '' }, values.facts?.[f.id] ?? {});
      if (error) return form.setFields([{ name: ['facts', f.id, error.field], errors: [error.message] }]);
      const corrected = out[0];
      if (corrected && factText(corrected) !== factText(f)) corrections.push(corrected);
    }
    if (corrections.length > 0 && !values.reason?.trim()) return form.setFields([{ name: 'reason', errors: ['有更正时须写明核定意见'] }]);
    verify.mutate({ reportId: item.report.id, body: { version: item.report.version, corrections, ...(values.reason?.trim() ? { reason: values.reason.trim() } : {}) } }, { onSuccess: onClose, onError: (e) => showFieldErrors(form, e) });
  };

  return (
    <Modal open width={760} title={`核定：${item.unitName} ${item.report.clauseKey}`} okText="核定通过" cancelText="取消" confirmLoading={verify.isPending} onOk={() => void submit()} onCancel={onClose} destroyOnHidden>
      <Descriptions size="small" column={1} items={[{ key: 'c', label: '条款', children: item.clauseTitle }, { key: 'n', label: '报送说明', children: item.report.narrative || '—' }]} />
      <ErrorAlert error={verify.error} />
      <Form form={form} layout="vertical" initialValues={{ facts: initial }}>
        <Table<Fact>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={facts}
          locale={{ emptyText: '本报送没有事实（仅有说明和材料）。' }}
          columns={[
            { title: '事实编号', dataIndex: 'id', width: 160 },
            { title: '单位报送（自评）', key: 'reported', render: (_v, f) => factText(f) },
            { title: '核定值', key: 'verified', render: (_v, f) => (isEditable(f.type) ? <FactEditor id={f.id} type={f.type} /> : <Typography.Text type="secondary">按报送值核定</Typography.Text>) },
          ]}
        />
        <Form.Item name="reason" label="核定意见" style={{ marginTop: 12 }} extra="有更正时必填，说明更正的依据。">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function FactEditor({ id, type }: { id: string; type: Editable }) {
  const at = (field: keyof FactFields) => ['facts', id, field];
  switch (type) {
    case 'occurrence':
      return <Form.Item name={at('count')} noStyle><InputNumber min={0} precision={0} addonAfter="次" aria-label={`${id} 核定次数`} /></Form.Item>;
    case 'count':
      return <Form.Item name={at('done')} noStyle><InputNumber min={0} precision={0} addonAfter="个" aria-label={`${id} 核定个数`} /></Form.Item>;
    case 'value':
      return <Form.Item name={at('value')} noStyle><Input style={{ width: 140 }} aria-label={`${id} 核定数值`} /></Form.Item>;
    case 'flag':
      return <Form.Item name={at('flag')} noStyle><Radio.Group options={['是', '否']} /></Form.Item>;
    case 'rate':
      return (
        <>
          <Form.Item name={at('numerator')} noStyle><Input style={{ width: 80 }} aria-label={`${id} 分子`} /></Form.Item> /{' '}
          <Form.Item name={at('denominator')} noStyle><Input style={{ width: 80 }} aria-label={`${id} 分母`} /></Form.Item>
        </>
      );
    case 'judgement':
      return (
        <>
          <Form.Item name={at('amount')} noStyle><Input style={{ width: 90 }} aria-label={`${id} 核定得分`} /></Form.Item>
          <Form.Item name={at('reason')} noStyle><Input style={{ width: 200, marginLeft: 4 }} placeholder="理由" /></Form.Item>
        </>
      );
  }
}
