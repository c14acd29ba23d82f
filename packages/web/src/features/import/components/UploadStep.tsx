import type { SchemeUploadView } from '@kaohe/contract/api/scheme-upload';
import { InboxOutlined } from '@ant-design/icons';
import { Button, Progress, Tag, Upload } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { ListTable } from '../../../components/ui/ListTable';
import { formatDateTime } from '../../../lib/format';
import { useSchemeUploads, useUploadScheme } from '../api/import-api';

const accepted = ['.docx', '.xlsx', '.doc', '.txt'];
const jobColour = { queued: 'default', running: 'blue', succeeded: 'green', failed: 'red' } as const;

/** 上传: drag a Word/Excel/text scheme in (upload progress shown), or open an earlier upload. */
export function UploadStep({ assessmentId, onOpen }: { assessmentId: string; onOpen: (uploadId: string) => void }) {
  const uploads = useSchemeUploads(assessmentId);
  const upload = useUploadScheme(assessmentId);
  const [percent, setPercent] = useState<number | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  return (
    <>
      <Upload.Dragger
        accept={accepted.join(',')}
        multiple={false}
        showUploadList={false}
        disabled={upload.isPending}
        beforeUpload={(file) => {
          setFileError(null);
          const extension = file.name.slice(file.name.lastIndexOf('.')).toLowerCase();
          if (!accepted.includes(extension)) {
            setFileError(`“${file.name}”不是可导入的方案文件：请上传 Word（.docx/.doc）、Excel（.xlsx）或文本（.txt）文件`);
            return Upload.LIST_IGNORE;
          }
          setPercent(0);
          upload.mutate({ file, onProgress: setPercent }, { onSuccess: (view) => onOpen(view.id), onSettled: () => setPercent(null) });
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">点击或将方案文件拖到此处上传</p>
        <p className="ant-upload-hint">支持 .docx、.xlsx、.doc、.txt；上传后在后台导入，可离开本页稍后回来查看进度。</p>
      </Upload.Dragger>
      {percent !== null && <Progress percent={percent} status="active" style={{ marginTop: 8 }} aria-label="上传进度" />}
      {fileError && <ErrorAlert error={new Error(fileError)} title={fileError} />}
      <ErrorAlert error={upload.error ?? uploads.error} />
      <h4 style={{ marginTop: 16 }}>上传记录</h4>
      <ListTable<SchemeUploadView>
        rowKey="id"
        loading={uploads.isLoading}
        dataSource={uploads.data ?? []}
        scroll={{ x: 720 }}
        empty="尚未上传方案。把考核方案（Word 或 Excel）拖到上方即可导入。"
        columns={[
          { title: '文件', dataIndex: 'originalName', sorter: (a, b) => a.originalName.localeCompare(b.originalName, 'zh-CN') },
          { title: '上传时间', dataIndex: 'uploadedAt', width: 150, render: formatDateTime, sorter: (a, b) => a.uploadedAt.localeCompare(b.uploadedAt), defaultSortOrder: 'descend' },
          { title: '状态', key: 'status', width: 100, render: (_v, u) => <Tag color={jobColour[u.job.status]}>{u.job.statusName}</Tag>, filters: ['已完成', '失败', '排队中', '处理中'].map((t) => ({ text: t, value: t })), onFilter: (v, u) => u.job.statusName === v },
          { title: '方案版本', dataIndex: 'schemeVersion', width: 90, align: 'right', render: (v: number | null) => (v === null ? '—' : `第 ${v} 版`) },
          { title: '待复核', key: 'review', width: 80, align: 'right', render: (_v, u) => u.needsReview.length },
          { title: '操作', key: 'open', width: 80, render: (_v, u) => <Button type="link" size="small" onClick={() => onOpen(u.id)}>打开</Button> },
        ]}
      />
    </>
  );
}
