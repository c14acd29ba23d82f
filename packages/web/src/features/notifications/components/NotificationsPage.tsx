import type { ResponseOf } from '@kaohe/contract/api';
import type { notificationsApi } from '@kaohe/contract/api';
import { Alert, Breadcrumb, Button, Card, Form, Input, InputNumber, Space, Switch, Tag, message } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { ListTable } from '../../../components/ui/ListTable';
import { showFieldErrors } from '../../../lib/api-client';
import { useAuth } from '../../../lib/auth';
import { formatDateTime } from '../../../lib/format';
import { useChannels, useMarkRead, useNotifications, useSetSmtp } from '../api/notifications-api';

type Notification = ResponseOf<typeof notificationsApi.mine>[number];
type Smtp = { host: string; port: number; secure: boolean; user?: string; password?: string; from: string; enabled: boolean };

/** 通知渠道 (security administrator): whether SMTP is configured (when not, no e-mail is sent, and this says so) and the push adapter. */
function ChannelsCard() {
  const channels = useChannels(true);
  const setSmtp = useSetSmtp();
  const [form] = Form.useForm<Smtp>();
  const [editing, setEditing] = useState(false);
  const smtp = channels.data?.smtp;
  const save = async (v: Smtp) => {
    try {
      await setSmtp.mutateAsync({ ...v, ...(v.user ? {} : { user: undefined }), ...(v.password ? {} : { password: undefined }) });
      message.success('已保存 SMTP 设置');
      setEditing(false);
    } catch (error) {
      showFieldErrors(form, error);
    }
  };
  return (
    <Card title="通知渠道" loading={channels.isLoading} extra={smtp && !editing && <Button onClick={() => setEditing(true)}>设置 SMTP 邮件</Button>}>
      <ErrorAlert error={channels.error ?? setSmtp.error} />
      {smtp && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert type={smtp.configured && smtp.enabled ? 'success' : 'warning'} showIcon message={`邮件（SMTP）：${smtp.configured ? (smtp.enabled ? '已启用' : '已配置，未启用') : '未配置'}`} description={smtp.message} />
          {smtp.configured && <span className="kh-muted">{`${smtp.host}:${smtp.port}${smtp.secure ? '（TLS）' : ''}，发件人 ${smtp.from}${smtp.user ? `，账号 ${smtp.user}` : ''}${smtp.hasPassword ? '，已保存密码' : ''}`}</span>}
          <Alert type="info" showIcon message={`政务消息推送：${channels.data!.push.adapter ?? '未接入'}`} description={channels.data!.push.message} />
          {editing && (
            <Form form={form} layout="vertical" onFinish={save} initialValues={{ host: smtp.host ?? '', port: smtp.port ?? 465, secure: smtp.secure ?? true, user: smtp.user ?? '', from: smtp.from ?? '', enabled: smtp.enabled || !smtp.configured }}>
              <Space wrap>
                <Form.Item name="host" label="SMTP 服务器" rules={[{ required: true, message: '请填写服务器地址' }]}>
                  <Input style={{ width: 220 }} />
                </Form.Item>
                <Form.Item name="port" label="端口" rules={[{ required: true, message: '请填写端口' }]}>
                  <InputNumber min={1} max={65535} precision={0} />
                </Form.Item>
                <Form.Item name="secure" label="TLS 直连" valuePropName="checked">
                  <Switch />
                </Form.Item>
                <Form.Item name="enabled" label="启用" valuePropName="checked">
                  <Switch />
                </Form.Item>
              </Space>
              <Space wrap>
                <Form.Item name="from" label="发件人地址" rules={[{ required: true, message: '请填写发件人地址' }]}>
                  <Input style={{ width: 220 }} />
                </Form.Item>
                <Form.Item name="user" label="账号">
                  <Input style={{ width: 180 }} autoComplete="off" />
                </Form.Item>
                <Form.Item name="password" label="密码" extra={smtp.hasPassword ? '不填则保留原密码' : undefined}>
                  <Input.Password style={{ width: 180 }} autoComplete="new-password" />
                </Form.Item>
              </Space>
              <Space>
                <Button type="primary" htmlType="submit" loading={setSmtp.isPending}>
                  保存 SMTP 设置
                </Button>
                <Button onClick={() => setEditing(false)}>取消</Button>
              </Space>
            </Form>
          )}
        </Space>
      )}
    </Card>
  );
}

/** 我的通知: reminders and chasers, newest first, unread marked; the security administrator also sees the channels. */
export function NotificationsPage() {
  const all = useNotifications(false);
  const markRead = useMarkRead();
  const { can } = useAuth();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const rows = (all.data ?? []).filter((n) => !unreadOnly || !n.readAt);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/">首页</Link> }, { title: '我的通知' }]} />
      <Card title="我的通知" extra={<Switch checked={unreadOnly} onChange={setUnreadOnly} checkedChildren="只看未读" unCheckedChildren="全部" />}>
        <ErrorAlert error={all.error ?? markRead.error} />
        <ListTable<Notification>
          rowKey="id"
          loading={all.isLoading}
          dataSource={rows}
          empty={unreadOnly ? '没有未读通知。' : '尚无通知。报送截止前和逾期后，系统会在这里提醒您。'}
          columns={[
            { title: '时间', dataIndex: 'createdAt', width: 150, render: formatDateTime, sorter: (a, b) => a.createdAt.localeCompare(b.createdAt), defaultSortOrder: 'descend' },
            { title: '标题', dataIndex: 'title', width: 220 },
            { title: '内容', dataIndex: 'body' },
            { title: '状态', key: 'read', width: 90, render: (_v, n) => (n.readAt ? <Tag>已读</Tag> : <Tag color="blue">未读</Tag>) },
            { title: '操作', key: 'actions', width: 100, render: (_v, n) => !n.readAt && <Button size="small" onClick={() => markRead.mutate(n.id)}>标为已读</Button> },
          ]}
        />
      </Card>
      {can('security:manage') && <ChannelsCard />}
    </Space>
  );
}
