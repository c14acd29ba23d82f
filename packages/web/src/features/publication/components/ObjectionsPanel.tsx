import type { PublicityView } from '@kaohe/contract/api/publication';
import type { ResponseOf } from '@kaohe/contract/api';
import type { publicationApi } from '@kaohe/contract/api/publication';
import { Button, Form, Input, Modal, Table, Tag, message } from 'antd';
import { useState } from 'react';
import { EmptyState } from '../../../components/ui/EmptyState';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { showFieldErrors } from '../../../lib/api-client';
import { useAuth } from '../../../lib/auth';
import { formatDateTime } from '../../../lib/format';
import { useAnswerObjection, useObjections, useSubmitObjection } from '../api/publication-api';

type Objection = ResponseOf<typeof publicationApi.objections>[number];

/**
 * 公示异议 of one 公示: a unit raises one on its own result while the 公示 is open; the 考评办 answers
 * each (publishing waits until all are answered). The version read goes with the answer.
 */
export function ObjectionsPanel({ assessmentId, period }: { assessmentId: string; period: PublicityView }) {
  const { can, session } = useAuth();
  const objections = useObjections(period.id);
  const answer = useAnswerObjection(assessmentId);
  const submit = useSubmitObjection(assessmentId);
  const [answering, setAnswering] = useState<Objection | null>(null);
  const [raising, setRaising] = useState(false);
  const [answerForm] = Form.useForm<{ answer: string }>();
  const [raiseForm] = Form.useForm<{ ref?: string; text: string }>();
  const ownUnit = session?.roles.find((r) => r.unitId)?.unitId ?? null;
  const mayRaise = can('objection:submit') && !!ownUnit && period.status === 'open';
  const mayAnswer = can('result:publish');

  const sendAnswer = async ({ answer: text }: { answer: string }) => {
    if (!answering) return;
    try {
      await answer.mutateAsync({ objectionId: answering.id, answer: text, version: answering.version });
      message.success('已答复异议');
      setAnswering(null);
    } catch (error) {
      showFieldErrors(answerForm, error);
    }
  };
  const sendObjection = async (v: { ref?: string; text: string }) => {
    try {
      await submit.mutateAsync({ periodId: period.id, unitId: ownUnit!, text: v.text, ref: v.ref?.trim() || undefined });
      message.success('已提出异议，考评办答复后会显示在这里');
      setRaising(false);
    } catch (error) {
      showFieldErrors(raiseForm, error);
    }
  };

  return (
    <div data-testid="objections">
      <ErrorAlert error={objections.error} />
      {mayRaise && (
        <Button style={{ marginBottom: 8 }} onClick={() => (raiseForm.resetFields(), submit.reset(), setRaising(true))}>
          提出异议
        </Button>
      )}
      <Table<Objection>
        rowKey="id"
        size="small"
        loading={objections.isLoading}
        dataSource={objections.data ?? []}
        pagination={false}
        locale={{ emptyText: <EmptyState title={mayRaise ? '尚无异议。对本单位的公示结果有异议，请在公示期内点“提出异议”。' : '本次公示尚无异议。'} /> }}
        columns={[
          { title: '单位', dataIndex: 'unitName', width: 120 },
          { title: '指标/条款', dataIndex: 'ref', width: 100, render: (v: string | null) => v ?? '—' },
          { title: '异议内容', dataIndex: 'text' },
          { title: '提出时间', dataIndex: 'createdAt', width: 140, render: formatDateTime },
          { title: '状态', dataIndex: 'statusName', width: 80, render: (v: string, o) => <Tag color={o.status === 'open' ? 'orange' : 'green'}>{v}</Tag> },
          { title: '答复', dataIndex: 'answer', render: (v: string | null, o) => (v ? `${v}（${formatDateTime(o.answeredAt)}）` : '—') },
          ...(mayAnswer
            ? [
                {
                  title: '操作',
                  key: 'actions',
                  width: 80,
                  render: (_v: unknown, o: Objection) =>
                    o.status === 'open' && (
                      <Button size="small" type="link" onClick={() => (answerForm.resetFields(), answer.reset(), setAnswering(o))}>
                        答复
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
      <Modal title={answering ? `答复 ${answering.unitName} 的异议` : ''} open={!!answering} okText="提交答复" confirmLoading={answer.isPending} onCancel={() => setAnswering(null)} onOk={() => answerForm.submit()} destroyOnHidden>
        {answering && <p className="kh-quote">{answering.text}</p>}
        <ErrorAlert error={answer.error} />
        <Form form={answerForm} layout="vertical" onFinish={sendAnswer}>
          <Form.Item name="answer" label="答复内容" rules={[{ required: true, whitespace: true, message: '请填写答复内容' }]}>
            <Input.TextArea rows={4} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal title="对公示结果提出异议" open={raising} okText="提出异议" confirmLoading={submit.isPending} onCancel={() => setRaising(false)} onOk={() => raiseForm.submit()} destroyOnHidden>
        <ErrorAlert error={submit.error} />
        <Form form={raiseForm} layout="vertical" onFinish={sendObjection}>
          <Form.Item name="ref" label="有异议的指标或条款编码（可不填）">
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="text" label="异议内容" rules={[{ required: true, whitespace: true, message: '请填写异议内容' }]}>
            <Input.TextArea rows={4} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
