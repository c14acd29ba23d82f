import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import type { ApiIssue } from '@kaohe/contract/api';
import { Alert, Button, Card, Progress, Select, Space, Table, Upload } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { ApiError } from '../../../lib/api-client';
import { downloadTemplate, useUnits, useUploadSheet } from '../api/verification-api';

type RowIssue = { key: string; row: string; column: string; message: string };

/** `第12行.数值` → row 12, column 数值 (the server names each bad cell this way). */
const rowIssues = (issues: ApiIssue[]): RowIssue[] =>
  issues.map((issue, i) => {
    const m = /^第(\d+)行\.(.+)$/.exec(issue.path);
    return { key: String(i), row: m?.[1] ?? '', column: m?.[2] ?? issue.path, message: issue.message };
  });

/**
 * 批量录入 (考评办): download a unit's facts sheet, fill 数值 and 说明 in Excel, upload it. Any bad
 * row refuses the whole file; the errors come back as a table of 行号, 列, 原因.
 */
export function FactsSheetCard({ assessmentId }: { assessmentId: string }) {
  const units = useUnits(true);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const upload = useUploadSheet(assessmentId, setProgress);
  const unit = units.data?.find((u) => u.id === unitId);
  const issues = upload.error instanceof ApiError ? rowIssues(upload.error.issues) : [];
  return (
    <Card title="批量录入（事实填报表）" size="small">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Select showSearch optionFilterProp="label" style={{ width: 260 }} placeholder="选择被考核单位" loading={units.isLoading} value={unitId} onChange={setUnitId} options={(units.data ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.code}）` }))} />
          <Button icon={<DownloadOutlined />} disabled={!unit} onClick={() => unit && downloadTemplate(assessmentId, unit).then(() => setDownloadError(null), setDownloadError)}>
            下载模板
          </Button>
        </Space>
        <ErrorAlert error={downloadError ?? units.error} />
        <Upload.Dragger
          accept=".xlsx"
          showUploadList={false}
          disabled={!unitId || upload.isPending}
          beforeUpload={(file) => {
            if (unitId) upload.mutate({ unitId, file });
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{unitId ? '点击或拖拽填好的 .xlsx 到此处上传' : '请先选择单位'}</p>
        </Upload.Dragger>
        {progress !== null && <Progress percent={progress} size="small" />}
        {upload.data && <Alert type="success" showIcon message={`已导入 ${upload.data.written} 项事实（读取 ${upload.data.rows} 行${upload.data.created !== null ? `，新建 ${upload.data.created}、更新 ${upload.data.superseded}、未变 ${upload.data.unchanged}` : '，重复上传，未再写入'}）。`} />}
        {upload.error && issues.length === 0 && <ErrorAlert error={upload.error} />}
        {issues.length > 0 && (
          <>
            <Alert type="error" showIcon message={`文件有 ${issues.length} 处错误，未导入任何数据。请修改后重新上传。`} />
            <Table<RowIssue> rowKey="key" size="small" dataSource={issues} pagination={{ pageSize: 10, showTotal: (t) => `共 ${t} 条` }} columns={[{ title: '行号', dataIndex: 'row', width: 70, align: 'right' }, { title: '列', dataIndex: 'column', width: 100 }, { title: '原因', dataIndex: 'message' }]} />
          </>
        )}
      </Space>
    </Card>
  );
}
