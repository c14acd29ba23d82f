import type { LedgerLineView } from '@kaohe/contract/api';
import { Alert, Form, Input, Modal, Progress, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { FilePicker } from '../../../components/ui/FilePicker';
import { Points } from '../../../components/ui/Points';
import { showFieldErrors } from '../../../lib/api-client';
import { useSubmitAppeal } from '../api/drill-queries';

/**
 * 申诉 on one ledger line of the published result: a reason and optional evidence. The server
 * checks the appeal window and that the line (by its number) is the one shown; the appeal it
 * records quotes the published line, and a mismatch with what was clicked is said plainly.
 */
export function AppealModal({ assessmentId, unitId, line, lineIndex, onClose }: { assessmentId: string; unitId: string; line: LedgerLineView; lineIndex: number; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const [files, setFiles] = useState<File[]>([]);
  const [progress, setProgress] = useState<{ stage: string; percent: number } | null>(null);
  const submit = useSubmitAppeal(assessmentId, (stage, percent) => setProgress(stage ? { stage, percent } : null));
  const done = submit.data;
  const mismatch = done && done.line.text !== line.text;
  return (
    <Modal
      open
      title="申诉"
      okText={done ? '关闭' : '提交申诉'}
      cancelText="取消"
      confirmLoading={submit.isPending}
      onCancel={onClose}
      onOk={() => (done ? onClose() : void form.validateFields().then((v) => submit.mutate({ unitId, ref: line.ref, lineIndex, reason: v.reason.trim(), files }, { onError: (e) => showFieldErrors(form, e) })))}
      destroyOnHidden
    >
      <Typography.Paragraph>
        对台账第 {lineIndex + 1} 行申诉：{line.text}（<Points value={line.amount} signed />）
      </Typography.Paragraph>
      <ErrorAlert error={submit.error} />
      {done && !mismatch && <Alert type="success" showIcon message={`申诉已提交（${done.statusName}），可在“申诉”中查看进展。`} />}
      {mismatch && <Alert type="warning" showIcon message={`申诉已按发布版本的台账行提交：“${done.line.text}”，与页面上的当前计算结果不同（发布后结果已重新计算）。如有误请联系考评办。`} />}
      {!done && (
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label="申诉理由" rules={[{ required: true, whitespace: true, message: '申诉理由不能为空' }]}>
            <Input.TextArea rows={4} maxLength={4000} placeholder="说明该项得失分有误的事实和依据" />
          </Form.Item>
          <Form.Item label="佐证材料（可选）">
            <FilePicker files={files} onChange={setFiles} />
          </Form.Item>
        </Form>
      )}
      {progress && (
        <div role="status">
          <Typography.Text>{progress.stage}</Typography.Text>
          <Progress percent={progress.percent} size="small" />
        </div>
      )}
    </Modal>
  );
}
