import { roleLabelsZh, type Role, type UserView } from '@kaohe/contract/api';
import { Alert, Button, Drawer, Form, List, Popconfirm, Select, Space, Typography } from 'antd';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { useGrantRole, useRevokeRole, useUserRoles } from '../api/users-api';

/**
 * 角色管理 for one account. Only the global 考评办 role can be granted here: a role scoped to a unit,
 * division or leader needs the unit list, which the security administrator cannot read on the
 * server today (org:read), so those grants are made through the API for now.
 */
export function UserRolesDrawer({ user, canAssign, onClose }: { user: UserView | null; canAssign: boolean; onClose: () => void }) {
  const roles = useUserRoles(user?.id ?? null);
  const grant = useGrantRole();
  const revoke = useRevokeRole();
  const scopeOf = (g: { assessmentId: string | null; unitId: string | null; divisionId: string | null; leaderId: string | null }) =>
    g.unitId ? `单位 ${g.unitId.slice(0, 8)}…` : g.leaderId ? `领导 ${g.leaderId.slice(0, 8)}…` : g.assessmentId ? `考核 ${g.assessmentId.slice(0, 8)}…` : '全部';
  return (
    <Drawer open={user !== null} onClose={onClose} title={user ? `${user.login} 的角色` : ''} width={420}>
      <ErrorAlert error={roles.error ?? grant.error ?? revoke.error} />
      <List
        loading={roles.isLoading}
        dataSource={roles.data ?? []}
        locale={{ emptyText: '暂无角色' }}
        renderItem={(g) => (
          <List.Item
            actions={
              canAssign && g.roleClass === 'business'
                ? [
                    <Popconfirm key="revoke" title="确定要撤销该角色吗？" okText="撤销" cancelText="取消" onConfirm={() => revoke.mutate({ id: user!.id, roleId: g.id })}>
                      <Button type="link" danger size="small">
                        撤销
                      </Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <List.Item.Meta title={roleLabelsZh[g.role as Role] ?? g.role} description={`数据范围：${scopeOf(g)}`} />
          </List.Item>
        )}
      />
      {canAssign && user?.roleClass === 'business' && (
        <Space direction="vertical" style={{ width: '100%', marginTop: 16 }}>
          <Typography.Title level={5}>授予角色</Typography.Title>
          <Form layout="inline" onFinish={() => grant.mutate({ id: user.id, role: 'assessment-admin' })}>
            <Form.Item>
              <Select style={{ width: 200 }} value="assessment-admin" options={[{ value: 'assessment-admin', label: '考评办（全部考核）' }]} />
            </Form.Item>
            <Button htmlType="submit" type="primary" loading={grant.isPending}>
              授予
            </Button>
          </Form>
          <Alert type="info" showIcon message="按单位、处室或领导授予角色的网页操作尚未提供：安全管理员目前无权读取单位列表。可通过接口 POST /api/users/{id}/roles 授予。" />
        </Space>
      )}
    </Drawer>
  );
}
