import type { PublicationView, PublicityView } from '@kaohe/contract/api/publication';
import { Alert, Breadcrumb, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { ListTable } from '../../../components/ui/ListTable';
import { useAuth } from '../../../lib/auth';
import { formatDateTime } from '../../../lib/format';
import { useOpenPublicity, usePublications, usePublicity, usePublish, useWithdrawPublicity } from '../api/publication-api';
import { ObjectionsPanel } from './ObjectionsPanel';
import { PublicityResults } from './PublicityResults';
import { TongbaoModal } from './TongbaoModal';
import { SensitivityLabel } from '../../../components/labels/SensitivityLabel';

const statusColour = { open: 'blue', published: 'green', withdrawn: 'default' } as const;

/** 公示与发布: open a 公示 of the current results, withdraw it, publish after it ends; the published versions. */
export function PublicationPage() {
  const { id = '' } = useParams();
  const { can } = useAuth();
  const publicity = usePublicity(id);
  const publications = usePublications(id);
  const open = useOpenPublicity(id);
  const withdraw = useWithdrawPublicity(id);
  const publish = usePublish(id);
  const [opening, setOpening] = useState(false);
  const [tongbao, setTongbao] = useState<PublicationView | null>(null);
  const [form] = Form.useForm<{ days: number; note?: string }>();
  const manage = can('result:publish');
  const now = Date.now();
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/assessments">考核年度</Link> }, { title: <Link to={`/assessments/${id}/results`}>结果与排名</Link> }, { title: manage ? '公示与发布' : '结果公示' }]} />
      <ErrorAlert error={publicity.error ?? publications.error ?? open.error ?? withdraw.error ?? publish.error} />
      {publish.data && <Alert type="success" showIcon message={`已发布第 ${publish.data.sequence} 版，申诉截止 ${formatDateTime(publish.data.appealsUntil)}。`} />}
      <Card
        title={manage ? '公示' : '结果公示（展开查看公示内容，可提出异议）'}
        extra={
          manage && (
            <Button type="primary" onClick={() => setOpening(true)}>
              开始公示
            </Button>
          )
        }
      >
        <ListTable<PublicityView>
          rowKey="id"
          loading={publicity.isLoading}
          dataSource={publicity.data ?? []}
          expandable={{ expandedRowRender: (p) => (
            <>
              <PublicityResults period={p} />
              <ObjectionsPanel assessmentId={id} period={p} />
            </>
          ), rowExpandable: () => true, expandRowByClick: false }}
          scroll={{ x: 760 }}
          empty={manage ? '尚未公示。结果按最新事实计算后，点“开始公示”。' : '尚未公示。'}
          columns={[
            { title: '次序', dataIndex: 'sequence', width: 70, align: 'right' },
            { title: '状态', dataIndex: 'statusName', width: 90, render: (v: string, p) => <Tag color={statusColour[p.status]}>{v}</Tag> },
            { title: '公示期', key: 'period', render: (_v, p) => `${formatDateTime(p.startsAt)} 至 ${formatDateTime(p.endsAt)}` },
            { title: '单位数', key: 'units', width: 80, align: 'right', render: (_v, p) => p.results.length },
            { title: '未答复异议', dataIndex: 'openObjections', width: 100, align: 'right', render: (v: number) => (v > 0 ? <Tag color="orange">{v}</Tag> : v) },
            {
              title: '操作',
              key: 'actions',
              width: 170,
              render: (_v, p) =>
                manage && p.status === 'open' ? (
                  <Space size={0}>
                    <Popconfirm title="确定要撤回本次公示吗？" okText="撤回" cancelText="取消" onConfirm={() => withdraw.mutate({ periodId: p.id, reason: '结果需要更正，撤回公示' })}>
                      <Button type="link" size="small" danger>
                        撤回
                      </Button>
                    </Popconfirm>
                    <Popconfirm
                      title="确定要发布结果吗？发布后形成不可更改的快照。"
                      okText="发布"
                      cancelText="取消"
                      disabled={Date.parse(p.endsAt) > now || p.openObjections > 0}
                      onConfirm={() => publish.mutate({ periodId: p.id, appealDays: 10 })}
                    >
                      <Button type="link" size="small" disabled={Date.parse(p.endsAt) > now || p.openObjections > 0} title={Date.parse(p.endsAt) > now ? '公示期满后才能发布' : p.openObjections > 0 ? '异议答复后才能发布' : undefined}>
                        发布
                      </Button>
                    </Popconfirm>
                  </Space>
                ) : null,
            },
          ]}
        />
      </Card>
      <Card title="发布版本">
        <ListTable<PublicationView>
          rowKey="id"
          loading={publications.isLoading}
          dataSource={publications.data ?? []}
          scroll={{ x: 760 }}
          empty="尚未发布。公示期满且异议均已答复后即可发布。"
          columns={[
            { title: '版本', dataIndex: 'sequence', width: 70, align: 'right' },
            { title: '发布时间', dataIndex: 'publishedAt', width: 150, render: formatDateTime },
            { title: '方案版本', dataIndex: 'schemeVersion', width: 90, align: 'right' },
            { title: '单位数', dataIndex: 'units', width: 80, align: 'right' },
            { title: '申诉截止', dataIndex: 'appealsUntil', width: 150, render: formatDateTime },
            { title: '密级', key: 'label', width: 190, render: (_v, p) => <SensitivityLabel objectType="publication" objectId={p.id} /> },
            { title: '摘要', key: 'digest', render: (_v, p) => `${p.digestAlgorithm} ${p.digest.slice(0, 16)}…` },
            { title: '通报', key: 'tongbao', width: 110, render: (_v, p) => (manage ? <Button type="link" size="small" onClick={() => setTongbao(p)}>预览与下载</Button> : null) },
          ]}
        />
      </Card>
      {tongbao && <TongbaoModal publication={tongbao} onClose={() => setTongbao(null)} />}
      <Modal open={opening} title="开始公示" okText="开始公示" cancelText="取消" confirmLoading={open.isPending} onCancel={() => setOpening(false)} onOk={() => form.submit()} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ days: 5 }} onFinish={(v) => open.mutate({ days: v.days, ...(v.note ? { note: v.note } : {}) }, { onSuccess: () => setOpening(false) })}>
          <Form.Item name="days" label="公示天数" rules={[{ required: true, message: '请输入公示天数' }]}>
            <InputNumber min={1} max={30} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="note" label="公示说明">
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
