import type { JudgementDto } from '@kaohe/contract/api/work';
import { Alert, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { Points } from '../../../components/ui/Points';
import { ApiError, showFieldErrors } from '../../../lib/api-client';
import { judgementKindNames } from '../../../lib/labels';
import { useCorrectJudgement, useJudge } from '../api/verification-api';

type Kind = 'deduction' | 'score' | 'bonus';
type Values = { unitId?: string; clauseKey?: string; kind: Kind; points: string; reason: string; changeReason?: string };
/** What the judgement is about: a queue item's unit and clause, or (新增判定) picked in the form. */
export type JudgementTarget = { unitId: string; unitName: string; clauseKey: string; clauseTitle?: string };

/**
 * 评分判定: a deduction, score or bonus on the clause, citing it; or 更正 of an existing judgement
 * (a new version with the reason for the change, sent with the version read). The server checks
 * the kind against the clause's rule and the points against its ceiling; its Chinese message is
 * shown under the points field (the one field such an error is about). A 409 (someone changed the
 * judgement since it was read) is shown in the message area with the server's sentence naming who
 * and when; the list is read again, so saving once more applies to the newest version.
 */
export function JudgementModal({ assessmentId, target, judgement, units, onClose }: { assessmentId: string; target: JudgementTarget | null; judgement?: JudgementDto; units?: { value: string; label: string }[]; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const judge = useJudge(assessmentId);
  const correct = useCorrectJudgement(assessmentId);
  const pending = judge.isPending || correct.isPending;
  const error = judgement ? correct.error : judge.error;
  const onError = (e: unknown) => {
    showFieldErrors(form, e);
    if (e instanceof ApiError && e.issues.length === 0 && e.status === 400) form.setFields([{ name: 'points', errors: [e.message] }]);
  };
  const submit = async () => {
    const v = await form.validateFields();
    const common = { kind: v.kind, points: v.points.trim(), reason: v.reason.trim() };
    if (judgement) correct.mutate({ id: judgement.id, body: { ...common, version: judgement.version, changeReason: v.changeReason!.trim() } }, { onSuccess: onClose, onError });
    else judge.mutate({ ...common, unitId: target?.unitId ?? v.unitId!, clauseKey: target?.clauseKey ?? v.clauseKey!.trim() }, { onSuccess: onClose, onError });
  };
  const initialKind: Kind = judgement && judgement.kind !== 'judgement' ? judgement.kind : 'deduction';
  const title = judgement ? `更正判定：${target?.unitName ?? ''} ${judgement.clauseKey}` : target ? `评分判定：${target.unitName} ${target.clauseKey}` : '新增评分判定';
  return (
    <Modal open title={title} okText={judgement ? '保存更正' : '保存判定'} cancelText="取消" confirmLoading={pending} onOk={() => void submit()} onCancel={onClose} destroyOnHidden>
      {target?.clauseTitle && <Typography.Paragraph type="secondary">依据条款：{target.clauseTitle}</Typography.Paragraph>}
      {judgement && (
        <Typography.Paragraph type="secondary" data-testid="judgement-current">
          当前（第 {judgement.version} 版）：{judgementKindNames[judgement.kind]} <Points value={judgement.points} />，{judgement.reason}；{judgement.updatedBy ? `${judgement.updatedBy} 最后修改` : `${judgement.enteredBy} 录入`}
        </Typography.Paragraph>
      )}
      {error instanceof ApiError && error.status === 409 ? (
        <Alert role="alert" type="error" showIcon style={{ marginBottom: 16 }} message={error.message} description="上面已是服务器上的最新版本，请核对后再保存。" data-testid="judgement-conflict" />
      ) : error instanceof ApiError && error.status !== 400 ? (
        <ErrorAlert error={error} />
      ) : null}
      <Form form={form} layout="vertical" initialValues={{ kind: initialKind, points: judgement?.points, reason: judgement?.reason }}>
        {!target && !judgement && (
          <>
            <Form.Item name="unitId" label="被考核单位" rules={[{ required: true, message: '请选择单位' }]}>
              <Select showSearch optionFilterProp="label" options={units ?? []} placeholder="选择单位" />
            </Form.Item>
            <Form.Item name="clauseKey" label="条款或指标编码" rules={[{ required: true, whitespace: true, message: '请填写条款或指标编码' }]} extra="如“见专项责任书”的人工评定条款，没有单位报送也可直接评分。">
              <Input style={{ width: 200 }} placeholder="如 AQ.ZZ.m" />
            </Form.Item>
          </>
        )}
        <Form.Item name="kind" label="判定类型" rules={[{ required: true }]}>
          <Radio.Group options={(['deduction', 'score', 'bonus'] as const).map((k) => ({ value: k, label: judgementKindNames[k] }))} />
        </Form.Item>
        <Form.Item name="points" label="分值" rules={[{ required: true, message: '请输入分值' }, { pattern: /^\d{1,4}(\.\d{1,6})?$/, message: '须为非负小数，如 0.5' }]}>
          <Input style={{ width: 160 }} inputMode="decimal" />
        </Form.Item>
        <Form.Item name="reason" label="评分理由" rules={[{ required: true, whitespace: true, message: '评分理由不能为空' }]}>
          <Input.TextArea rows={3} maxLength={2000} placeholder="写明事实和所依据的条款" />
        </Form.Item>
        {judgement && (
          <Form.Item name="changeReason" label="更正理由" rules={[{ required: true, whitespace: true, message: '更正理由不能为空' }]} extra="记入该判定的版本历史和审计日志。">
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
