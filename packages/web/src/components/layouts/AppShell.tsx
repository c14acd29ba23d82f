import { LogoutOutlined } from '@ant-design/icons';
import { roleClassLabelsZh, roleLabelsZh, type Role } from '@kaohe/contract/api';
import { Button, Grid, Layout, Menu, Space, Spin, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { visibleMenu } from '../../app/menu';
import { useAuth } from '../../lib/auth';

const { Header, Sider, Content } = Layout;
// the bell (popover, list, badge) loads after the shell, so the login screen does not carry it
const NotificationBell = lazy(() => import('../../features/notifications/components/NotificationBell').then((m) => ({ default: m.NotificationBell })));

export function roleNames(session: NonNullable<ReturnType<typeof useAuth>['session']>): string {
  const roles = [...new Set(session.roles.map((g) => roleLabelsZh[g.role as Role] ?? g.role))];
  return roles.length > 0 ? roles.join('、') : roleClassLabelsZh[session.roleClass];
}

/** The app shell: the menu of the role's jobs on the left, the user and 退出登录 on top. */
export function AppShell() {
  const { session, isLoading, can, signOut } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  if (isLoading) return <Spin fullscreen tip="正在加载…" />;
  if (!session) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  if (session.stage === 'password-change') return <Navigate to="/change-password" replace />;
  if (session.stage === 'totp-enrol') return <Navigate to="/totp-enrol" replace />;

  const groups = visibleMenu(can);
  // a unit's results live under /assessments/:id/results but belong to 考核结果与排名
  // (and so do 公示与发布, 数据填报, 审核评分, 申诉 and 考核概览 under /assessments/:id/…)
  const screen = /^\/assessments\/[^/]+\/(results|publication|work|verification|appeals|overview|calendar|completion|whatif|surveys|burden|multiyear)(\/|$)/.exec(location.pathname)?.[1];
  const path = screen ? `/${screen}` : location.pathname;
  const selected = groups
    .flatMap((g) => g.entries)
    .filter((e) => path === e.key || path.startsWith(`${e.key}/`))
    .sort((a, b) => b.key.length - a.key.length)[0]?.key ?? '';
  const items = groups.map((g) => ({ key: g.key, type: 'group' as const, label: g.label, children: g.entries.map((e) => ({ key: e.key, icon: e.icon, label: e.label })) }));
  const logout = async () => {
    await signOut();
    navigate('/login', { replace: true });
  };
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider breakpoint="lg" collapsedWidth={0} width={208} theme="dark" className="kh-sider">
        <div className="kh-brand">考核通</div>
        <Menu theme="dark" mode="inline" selectedKeys={[selected]} items={items} onClick={({ key }) => navigate(key)} />
      </Sider>
      <Layout>
        <Header className="kh-header" style={{ background: '#fff', paddingInline: 16, lineHeight: 'normal' }}>
          <Typography.Text strong className="kh-header-title">
            {screens.md ? '目标责任制考核管理系统' : '考核通'}
          </Typography.Text>
          <Space size="middle">
            <Suspense fallback={null}>
              <NotificationBell />
            </Suspense>
            <span className="kh-user" data-testid="current-user">
              {session.login}
              {screens.sm ? `（${roleNames(session)}）` : ''}
            </span>
            <Button icon={<LogoutOutlined />} onClick={logout}>
              退出登录
            </Button>
          </Space>
        </Header>
        <Content className="kh-content" style={screens.lg ? undefined : { paddingTop: 56 }}>
          <Suspense fallback={<Spin tip="正在加载…"><div style={{ minHeight: 200 }} /></Spin>}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
