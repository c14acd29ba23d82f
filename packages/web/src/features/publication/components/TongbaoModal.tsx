import { exportsApi } from '@kaohe/contract/api/exports';
import type { PublicationView } from '@kaohe/contract/api/publication';
import { Alert, Button, Form, Input, Modal, Space, Table } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { Points } from '../../../components/ui/Points';
import { downloadUrl } from '../../../lib/api-client';
import { usePublicationResults } from '../api/publication-api';

type Options = { docNumber: string; title?: string; recipients?: string };

/** 通报: the published results it will list, the 发文字号 (never invented), then the .docx or .pdf. */
export function TongbaoModal({ publication, onClose }: { publication: PublicationView; onClose: () => void }) {
  const results = usePublicationResults(publication.id);
  const [form] = Form.useForm<Options>();
  const [options, setOptions] = useState<Options | null>(null);
  const query = options && { docNumber: options.docNumber, ...(options.title ? { title: options.title } : {}), ...(options.recipients ? { recipients: options.recipients } : {}) };
  return (
    <Modal open title={`结果通报（第 ${publication.sequence} 版发布）`} width={860} footer={null} onCancel={onClose}>
      <Form form={form} layout="inline" onValuesChange={() => setOptions(null)} onFinish={(v) => setOptions({ docNumber: v.docNumber.trim(), title: v.title?.trim(), recipients: v.recipients?.trim() })} style={{ marginBottom: 12, rowGap: 8 }}>
        <Form.Item name="docNumber" label="发文字号" rules={[{ required: true, whitespace: true, message: '请填写发文字号，如 佳考发〔2021〕3号' }]}>
          <Input style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="title" label="标题">
          <Input placeholder="默认：关于××结果的通报" style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="recipients" label="主送">
          <Input style={{ width: 160 }} />
        </Form.Item>
        <Button htmlType="submit">生成下载链接</Button>
      </Form>
      {query ? (
        <Space style={{ marginBottom: 12 }}>
          <a href={downloadUrl(exportsApi.tongbaoDocx, { params: { id: publication.id }, query })} download>
            <Button type="primary">下载通报（Word）</Button>
          </a>
          <a href={downloadUrl(exportsApi.tongbaoPdf, { params: { id: publication.id }, query })} download>
            <Button>下载通报（PDF）</Button>
          </a>
          <a href={downloadUrl(exportsApi.resultsXlsx, { params: { id: publication.id } })} download>
            <Button>结果（Excel）</Button>
          </a>
        </Space>
      ) : (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} message="填写发文字号后生成通报。通报按下表的发布结果写成。" />
      )}
      <ErrorAlert error={results.error} />
      <Table
        rowKey="unitId"
        size="small"
        loading={results.isLoading}
        dataSource={results.data?.results ?? []}
        pagination={{ pageSize: 10, showTotal: (t) => `共 ${t} 条` }}
        columns={[
          { title: '分组', dataIndex: 'group', width: 160, render: (v: string | null) => v ?? '—' },
          { title: '名次', dataIndex: 'rank', width: 70, align: 'right', render: (v: number | null) => v ?? '—' },
          { title: '单位', dataIndex: 'unitName' },
          { title: '总分', dataIndex: 'total', width: 100, align: 'right', render: (v: string) => <Points value={v} /> },
          { title: '等次', dataIndex: 'gradeName', width: 90, render: (v: string | null) => v ?? '—' },
        ]}
      />
    </Modal>
  );
}
