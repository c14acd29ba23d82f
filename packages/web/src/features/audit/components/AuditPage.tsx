import { auditOutcomeLabelsZh, type AuditEntryView, type AuditQuery } from '@kaohe/contract/api';
import { Alert, Button, Card, DatePicker, Form, Input, Select, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { ListTable } from '../../../components/ui/ListTable';
import { useAuth } from '../../../lib/auth';
import { formatDateTime } from '../../../lib/format';
import { useAuditExport, useAuditSearch, useAuditVerify } from '../api/audit-api';

type Values = { action?: string; actorLogin?: string; outcome?: 'success' | 'failure' | 'denied'; range?: [Dayjs | null, Dayjs | null] | null };
const outcomeColour = { success: 'green', failure: 'orange', denied: 'red' } as const;

function toQuery(v: Values): AuditQuery {
  const [from, to] = v.range ?? [];
  return {
    ...(v.action?.trim() ? { action: v.action.trim() } : {}),
    ...(v.actorLogin?.trim() ? { actorLogin: v.actorLogin.trim() } : {}),
    ...(v.outcome ? { outcome: v.outcome } : {}),
    ...(from ? { from: from.startOf('day').toDate() } : {}),
    ...(to ? { to: to.endOf('day').toDate() } : {}),
  };
}

/** 操作日志与登录日志 (审计管理员): search by time, person, type and outcome; export; verify the chain. */
export function AuditPage() {
  const { can } = useAuth();
  const [form] = Form.useForm<Values>();
  const [filter, setFilter] = useState<AuditQuery>({});
  const search = useAuditSearch(filter);
  const exporter = useAuditExport();
  const verify = useAuditVerify();
  const rows = search.data?.pages.flat() ?? [];
  return (
    <Card title="审计日志">
      <ErrorAlert error={search.error ?? exporter.error ?? verify.error} />
      {verify.data && (
        <Alert
          style={{ marginBottom: 16 }}
          showIcon
          type={verify.data.ok ? 'success' : 'error'}
          message={verify.data.ok ? `审计日志完整：共 ${verify.data.records} 条，哈希链校验通过。` : `审计日志校验未通过：第 ${verify.data.firstBadSeq} 条记录异常（${verify.data.reason}）。`}
        />
      )}
      {exporter.data !== undefined && <Alert style={{ marginBottom: 16 }} showIcon type="success" message={`已导出 ${exporter.data} 条记录。`} />}
      <Form form={form} layout="inline" onFinish={(v) => setFilter(toQuery(v))} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item name="range" label="时间">
          <DatePicker.RangePicker />
        </Form.Item>
        <Form.Item name="actorLogin" label="操作人">
          <Input placeholder="登录名" allowClear style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="action" label="操作类型">
          <Input placeholder="如 auth.login" allowClear style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="outcome" label="结果">
          <Select allowClear placeholder="全部" style={{ width: 100 }} options={Object.entries(auditOutcomeLabelsZh).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Space wrap>
          <Button type="primary" htmlType="submit">
            搜索
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              setFilter({});
            }}
          >
            重置
          </Button>
          {can('audit:export') && (
            <Button onClick={() => exporter.mutate(filter)} loading={exporter.isPending}>
              导出
            </Button>
          )}
          <Button onClick={() => verify.mutate()} loading={verify.isPending}>
            校验完整性
          </Button>
        </Space>
      </Form>
      <ListTable<AuditEntryView>
        rowKey="seq"
        loading={search.isLoading}
        dataSource={rows}
        scroll={{ x: 960 }}
        expandable={{
          expandedRowRender: (r) => (
            <Typography.Paragraph style={{ margin: 0 }}>
              <pre className="kh-json">{JSON.stringify({ 变更前: r.before, 变更后: r.after }, null, 2)}</pre>
            </Typography.Paragraph>
          ),
        }}
        empty="没有符合条件的记录，请调整时间或条件后搜索。"
        columns={[
          { title: '序号', dataIndex: 'seq', width: 80, align: 'right', sorter: (a, b) => a.seq - b.seq },
          { title: '时间', dataIndex: 'at', width: 150, render: formatDateTime },
          { title: '操作人', dataIndex: 'actorLogin', width: 120, render: (v: string | null) => v ?? '（匿名）' },
          { title: '角色', dataIndex: 'actorRole', width: 140, responsive: ['lg'] },
          { title: '来源地址', dataIndex: 'sourceIp', width: 120, responsive: ['lg'] },
          { title: '操作类型', dataIndex: 'action', width: 170 },
          { title: '对象', key: 'object', render: (_v, r) => [r.objectType, r.objectId].filter(Boolean).join(' ') || '—' },
          {
            title: '结果',
            dataIndex: 'outcome',
            width: 80,
            render: (v: keyof typeof auditOutcomeLabelsZh) => <Tag color={outcomeColour[v]}>{auditOutcomeLabelsZh[v] ?? v}</Tag>,
          },
        ]}
      />
      {search.hasNextPage && (
        <Button style={{ marginTop: 12 }} onClick={() => search.fetchNextPage()} loading={search.isFetchingNextPage}>
          加载更早的记录
        </Button>
      )}
    </Card>
  );
}
