import { Button, Form, Input, Space, message } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { showFieldErrors } from '../../../lib/api-client';
import { useCorrectFact } from '../api/drill-queries';

type Fact = { id: string; version: number; value: Record<string, unknown> & { id: string; type: string } };
type Values = { amount?: string; json?: string; reason: string };

/**
 * 更正事实 from the drill-down drawer: a figure (value facts) or the fact as JSON (other kinds),
 * with a required reason; the server keeps the old version and the score changes on recompute.
 */
export function CorrectFactForm({ assessmentId, unitId, fact }: { assessmentId: string; unitId: string; fact: Fact }) {
  const [form] = Form.useForm<Values>();
  const [open, setOpen] = useState(false);
  const correct = useCorrectFact(assessmentId, unitId);
  const figure = typeof fact.value.value === 'string' || typeof fact.value.value === 'number';
  const submit = async (v: Values) => {
    let value: Fact['value'];
    if (figure) value = { ...fact.value, value: v.amount!.trim() };
    else {
      try {
        value = JSON.parse(v.json!) as Fact['value'];
      } catch {
        form.setFields([{ name: 'json', errors: ['不是有效的 JSON'] }]);
        return;
      }
    }
    try {
      await correct.mutateAsync({ factId: fact.id, value, reason: v.reason.trim(), version: fact.version });
      // the drawer then shows the new version (the form remounts with it), so the confirmation is a toast
      message.success('已更正。重新计算后得分随之变化。');
      setOpen(false);
    } catch (error) {
      showFieldErrors(form, error);
    }
  };
  if (!open)
    return <Button onClick={() => (form.resetFields(), setOpen(true))}>更正事实</Button>;
  return (
    <Form form={form} layout="vertical" onFinish={submit} initialValues={{ amount: figure ? String(fact.value.value) : undefined, json: figure ? undefined : JSON.stringify(fact.value, null, 2) }} data-testid="correct-fact">
      <ErrorAlert error={correct.error} />
      {figure ? (
        <Form.Item name="amount" label="更正后的数值" rules={[{ required: true, message: '请填写数值' }, { pattern: /^-?\d+(\.\d+)?$/, message: '数值须为数字' }]}>
          <Input style={{ width: 200 }} />
        </Form.Item>
      ) : (
        <Form.Item name="json" label="更正后的事实（JSON）" rules={[{ required: true, message: '请填写事实' }]}>
          <Input.TextArea rows={5} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
      )}
      <Form.Item name="reason" label="更正理由" rules={[{ required: true, whitespace: true, message: '须说明更正理由' }]}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={correct.isPending}>
          保存更正
        </Button>
        <Button onClick={() => setOpen(false)}>取消</Button>
      </Space>
    </Form>
  );
}
