import type { QueueItemDto } from '@kaohe/contract/api/work';
import { Form, Input, Modal, Radio, Typography } from 'antd';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { ApiError, showFieldErrors } from '../../../lib/api-client';
import { useJudge } from '../api/verification-api';

type Values = { kind: 'deduction' | 'score' | 'bonus'; points: string; reason: string };

/**
 * 评分判定: a deduction, score or bonus on the clause, citing it. The server checks the kind
 * against the clause's rule and the points against its ceiling; its Chinese message is shown
 * under the points field (the one field such an error is about).
 */
export function JudgementModal({ assessmentId, item, onClose }: { assessmentId: string; item: QueueItemDto; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const judge = useJudge(assessmentId);
  const submit = async () => {
    const v = await form.validateFields();
    judge.mutate(
      { unitId: item.report.unitId, clauseKey: item.report.clauseKey, kind: v.kind, points: v.points.trim(), reason: v.reason.trim() },
      {
        onSuccess: onClose,
        onError: (error) => {
          showFieldErrors(form, error);
          if (error instanceof ApiError && error.issues.length === 0 && error.status === 400) form.setFields([{ name: 'points', errors: [error.message] }]);
        },
      },
    );
  };
  return (
    <Modal open title={`评分判定：${item.unitName} ${item.report.clauseKey}`} okText="保存判定" cancelText="取消" confirmLoading={judge.isPending} onOk={() => void submit()} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph type="secondary">依据条款：{item.clauseTitle}</Typography.Paragraph>
      {judge.error instanceof ApiError && judge.error.status !== 400 ? <ErrorAlert error={judge.error} /> : null}
      <Form form={form} layout="vertical" initialValues={{ kind: 'deduction' }}>
        <Form.Item name="kind" label="判定类型" rules={[{ required: true }]}>
          <Radio.Group options={[{ value: 'deduction', label: '扣分' }, { value: 'score', label: '得分' }, { value: 'bonus', label: '加分' }]} />
        </Form.Item>
        <Form.Item name="points" label="分值" rules={[{ required: true, message: '请输入分值' }, { pattern: /^\d{1,4}(\.\d{1,6})?$/, message: '须为非负小数，如 0.5' }]}>
          <Input style={{ width: 160 }} inputMode="decimal" />
        </Form.Item>
        <Form.Item name="reason" label="评分理由" rules={[{ required: true, whitespace: true, message: '评分理由不能为空' }]}>
          <Input.TextArea rows={3} maxLength={2000} placeholder="写明事实和所依据的条款" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
