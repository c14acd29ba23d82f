import { roleLabelsZh, type Role } from '@kaohe/contract/api';
import { Card, Descriptions, Space } from 'antd';
import { useAuth } from '../../../lib/auth';
import { ChangePasswordForm } from './ChangePasswordForm';

export function AccountPage() {
  const { session } = useAuth();
  if (!session) return null;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title="账户信息">
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label="登录名">{session.login}</Descriptions.Item>
          <Descriptions.Item label="角色">
            {session.roles.length === 0 ? '暂无业务角色，请联系安全管理员授予' : session.roles.map((g) => roleLabelsZh[g.role as Role] ?? g.role).join('、')}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="修改密码">
        <ChangePasswordForm />
      </Card>
    </Space>
  );
}
