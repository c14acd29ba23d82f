import { roleClassLabelsZh, type UserView } from '@kaohe/contract/api';
import { Button, Card, Input, Popconfirm, Select, Space, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { ListTable } from '../../../components/ui/ListTable';
import { useAuth } from '../../../lib/auth';
import { formatDate } from '../../../lib/format';
import { useClearLockout, useLockouts, useResetTotp, useUpdateUser, useUsers } from '../api/users-api';
import { CreateUserModal } from './CreateUserModal';
import { UserRolesDrawer } from './UserRolesDrawer';

/** 用户管理 (系统管理员: accounts; 安全管理员: roles, lockouts, TOTP resets). */
export function UsersPage() {
  const { can } = useAuth();
  const users = useUsers();
  const lockouts = useLockouts(can('lockout:manage'));
  const update = useUpdateUser();
  const resetTotp = useResetTotp();
  const clearLockout = useClearLockout();
  const [creating, setCreating] = useState(false);
  const [rolesOf, setRolesOf] = useState<UserView | null>(null);
  const [keyword, setKeyword] = useState('');
  const [state, setState] = useState<'all' | 'active' | 'disabled'>('all');
  const locked = new Set((lockouts.data ?? []).map((l) => l.login.toLowerCase()));
  const rows = useMemo(
    () =>
      (users.data ?? []).filter(
        (u) => (!keyword || u.login.includes(keyword) || u.displayName.includes(keyword)) && (state === 'all' || (state === 'disabled') === u.isDisabled),
      ),
    [users.data, keyword, state],
  );
  return (
    <Card title="用户管理">
      <ErrorAlert error={users.error ?? update.error ?? resetTotp.error ?? clearLockout.error} />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search placeholder="登录名或姓名" allowClear onSearch={setKeyword} style={{ width: 220 }} />
        <Select
          value={state}
          onChange={setState}
          style={{ width: 120 }}
          options={[
            { value: 'all', label: '全部状态' },
            { value: 'active', label: '正常' },
            { value: 'disabled', label: '已停用' },
          ]}
        />
        {can('user:write') && (
          <Button type="primary" onClick={() => setCreating(true)}>
            新增
          </Button>
        )}
      </Space>
      <ListTable<UserView>
        rowKey="id"
        loading={users.isLoading}
        dataSource={rows}
        scroll={{ x: 900 }}
        empty={keyword ? '没有符合条件的账户，请修改查询条件' : '尚无账户。系统管理员可点“新增”创建业务账户。'}
        columns={[
          { title: '登录名', dataIndex: 'login', sorter: (a, b) => a.login.localeCompare(b.login) },
          { title: '姓名或单位', dataIndex: 'displayName' },
          { title: '账户类别', dataIndex: 'roleClass', width: 120, render: (v: UserView['roleClass']) => roleClassLabelsZh[v] },
          {
            title: '状态',
            key: 'state',
            width: 150,
            render: (_v, u) => (
              <Space size={4} wrap>
                {u.isDisabled ? <Tag>已停用</Tag> : <Tag color="green">正常</Tag>}
                {locked.has(u.login.toLowerCase()) && <Tag color="orange">已锁定</Tag>}
                {u.hasTotp && <Tag color="blue">动态口令</Tag>}
              </Space>
            ),
          },
          { title: '密码修改日期', dataIndex: 'passwordChangedAt', width: 130, render: (v: string) => (v.startsWith('1970') ? '首次登录须修改' : formatDate(v)) },
          {
            title: '操作',
            key: 'actions',
            width: 260,
            render: (_v, u) => (
              <Space size={0} wrap>
                <Button type="link" size="small" onClick={() => setRolesOf(u)}>
                  角色
                </Button>
                {can('user:write') && (
                  <Popconfirm
                    title={u.isDisabled ? `确定要启用 ${u.login} 吗？` : `确定要停用 ${u.login} 吗？停用后其会话立即失效。`}
                    okText={u.isDisabled ? '启用' : '停用'}
                    cancelText="取消"
                    onConfirm={() => update.mutate({ id: u.id, isDisabled: !u.isDisabled })}
                  >
                    <Button type="link" size="small" danger={!u.isDisabled}>
                      {u.isDisabled ? '启用' : '停用'}
                    </Button>
                  </Popconfirm>
                )}
                {can('lockout:manage') && locked.has(u.login.toLowerCase()) && (
                  <Button type="link" size="small" onClick={() => clearLockout.mutate(u.login)}>
                    解除锁定
                  </Button>
                )}
                {can('lockout:manage') && u.hasTotp && (
                  <Popconfirm title={`确定要重置 ${u.login} 的动态口令吗？`} okText="重置" cancelText="取消" onConfirm={() => resetTotp.mutate(u.id)}>
                    <Button type="link" size="small">
                      重置动态口令
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <CreateUserModal open={creating} onClose={() => setCreating(false)} />
      <UserRolesDrawer user={rolesOf} canAssign={can('role:assign')} onClose={() => setRolesOf(null)} />
    </Card>
  );
}
