import type { z } from 'zod';
import type { workItemDto } from '@kaohe/contract/api/work';
import { Alert, Form, Input, InputNumber, Modal, Progress, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { FilePicker } from '../../../components/ui/FilePicker';
import { showFieldErrors } from '../../../lib/api-client';
import { factsOf, factText, fieldHelp, fieldsOf, type FactFields } from '../../../lib/fact-input';
import { useClauseFacts, useSaveReport, type SaveProgress } from '../api/reports-api';

type Item = z.infer<typeof workItemDto>;
type Values = FactFields & { narrative?: string };

/**
 * The report form of one clause: the fact its rule reads (typed by the fact type), a narrative,
 * evidence files by drag and drop with upload progress, then 保存草稿 or 提交审核. A returned
 * report opens with what was sent and the reason it came back.
 */
export function ReportModal({ assessmentId, unitId, item, onClose }: { assessmentId: string; unitId: string; item: Item; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<File[]>([]);
  const [progress, setProgress] = useState<SaveProgress | null>(null);
  const save = useSaveReport(assessmentId, setProgress);
  const current = useClauseFacts(assessmentId, unitId, item.ref);
  // official data (考评办) or a verified value of this type is final: the server refuses to overwrite it
  const settled = (current.data ?? []).filter((f) => f.type === item.factType && (f.state === 'official' || f.state === 'verified'));
  const report = item.report;
  const editable = report && (report.state === 'draft' || report.state === 'returned') ? report : null;
  const initial: Values = editable ? { ...fieldsOf(item, editable.facts), narrative: editable.narrative ?? '' } : {};

  const send = async (submit: boolean) => {
    const values = await form.validateFields();
    const { facts, error } = settled.length > 0 ? { facts: [], error: undefined } : factsOf(item, values);
    if (error) return form.setFields([{ name: error.field, errors: [error.message] }]);
    save.mutate(
      { unitId, clauseKey: item.ref, narrative: values.narrative, facts, files, submit, existing: editable ? { id: editable.id, version: editable.version } : undefined },
      { onSuccess: onClose, onError: (e) => showFieldErrors(form, e) },
    );
  };

  return (
    <Modal
      open
      width={720}
      title={`报送：${item.ref}`}
      onCancel={onClose}
      okText="提交审核"
      cancelText="取消"
      confirmLoading={save.isPending}
      onOk={() => void send(true)}
      footer={(_, { OkBtn, CancelBtn }) => (
        <Space>
          <CancelBtn />
          <a role="button" onClick={() => !save.isPending && void send(false)} style={{ padding: '0 8px' }}>
            保存草稿
          </a>
          <OkBtn />
        </Space>
      )}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary" ellipsis={{ rows: 3, expandable: true }}>
        {item.title}
      </Typography.Paragraph>
      {item.target && <Typography.Paragraph>目标：{item.target}</Typography.Paragraph>}
      {report?.state === 'returned' && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={`已退回：${report.stateReason ?? '（未说明理由）'}`} description="请按退回理由修改后重新提交。" />}
      <ErrorAlert error={save.error} />
      <Form form={form} layout="vertical" initialValues={initial} disabled={save.isPending}>
        {settled.length > 0 ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="settled-facts"
            message={`已有数据：${settled.map((f) => `${factText(f.value)}（${f.source === 'import' ? '考评办导入' : '牵头部门核定'}）`).join('；')}`}
            description="无需重复填报数值。如数据有误，请在报送说明中写明并附证明材料，由考核牵头部门核定。"
          />
        ) : (
          <FactFieldsInput item={item} />
        )}
        <Form.Item name="narrative" label="报送说明" rules={[{ max: 20000, message: '报送说明不能超过 20000 字' }]}>
          <Input.TextArea rows={4} placeholder="完成情况、数据来源和需要说明的事项" />
        </Form.Item>
        <Form.Item label="证明材料" extra="可拖入多个文件（PDF、Word、Excel、图片等）；证明材料非必传，方案要求时请上传。">
          <FilePicker files={files} onChange={setFiles} />
        </Form.Item>
      </Form>
      {progress && (
        <div role="status" aria-live="polite">
          <Typography.Text>{progress.stage}</Typography.Text>
          <Progress percent={progress.percent} size="small" />
        </div>
      )}
    </Modal>
  );
}

function FactFieldsInput({ item }: { item: Item }) {
  const help = fieldHelp[item.factType];
  switch (item.factType) {
    case 'occurrence':
      return (
        <Form.Item name="count" label="发生次数" extra={help}>
          <InputNumber min={0} precision={0} style={{ width: 160 }} addonAfter="次" />
        </Form.Item>
      );
    case 'count':
      return (
        <Form.Item name="done" label="完成个数" extra={help}>
          <InputNumber min={0} precision={0} style={{ width: 160 }} addonAfter="个" />
        </Form.Item>
      );
    case 'value':
      return (
        <Form.Item name="value" label="数值" extra={help}>
          <Input style={{ width: 200 }} inputMode="decimal" />
        </Form.Item>
      );
    case 'flag':
      return (
        <Form.Item name="flag" label="是否完成" extra={help}>
          <Radio.Group options={['是', '否']} />
        </Form.Item>
      );
    case 'rate':
      return (
        <Space align="start" wrap>
          <Form.Item name="numerator" label="分子">
            <Input style={{ width: 140 }} inputMode="decimal" />
          </Form.Item>
          <Form.Item name="denominator" label="分母" extra={help}>
            <Input style={{ width: 140 }} inputMode="decimal" />
          </Form.Item>
        </Space>
      );
    case 'judgement':
      return (
        <>
          <Form.Item name="amount" label={`自评得分（分值 ${item.points || '—'}）`} extra={help}>
            <Input style={{ width: 160 }} inputMode="decimal" />
          </Form.Item>
          <Form.Item name="reason" label="自评理由">
            <Input.TextArea rows={2} />
          </Form.Item>
        </>
      );
  }
}
