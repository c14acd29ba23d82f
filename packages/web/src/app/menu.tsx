import { BellOutlined, ExperimentOutlined, FundOutlined, HistoryOutlined, ScheduleOutlined, SmileOutlined, ApartmentOutlined, AuditOutlined, BarChartOutlined, CalendarOutlined, DashboardOutlined, ExceptionOutlined, FileAddOutlined, FormOutlined, NotificationOutlined, PartitionOutlined, TeamOutlined, UserOutlined, AimOutlined } from '@ant-design/icons';
import type { Permission } from '@kaohe/contract/api';
import type { ReactNode } from 'react';

/** `readOnly`: the label for a role that may read the screen but lacks `readOnly.unless` (a unit sees 结果公示, not 公示与发布). */
export type MenuEntry = { key: string; label: string; icon: ReactNode; permission: Permission | 'any'; readOnly?: { unless: Permission; label: string } };
export type MenuGroup = { key: string; label: string; entries: MenuEntry[] };

/**
 * The left menu, grouped by job as in the admin systems clerks know (考核管理 / 结果发布 / 系统管理).
 * An entry shows only to a role that holds its permission (the contract's role table). Screens
 * whose server routes do not exist yet are not listed rather than faked.
 */
export const menu: MenuGroup[] = [
  {
    key: 'assess',
    label: '考核管理',
    entries: [
      { key: '/assessments', label: '考核年度', icon: <CalendarOutlined />, permission: 'assessment:read' },
      { key: '/import', label: '方案导入', icon: <FileAddOutlined />, permission: 'scheme:write' },
      { key: '/scheme', label: '方案编辑', icon: <PartitionOutlined />, permission: 'scheme:write' },
      { key: '/targets', label: '目标分解', icon: <AimOutlined />, permission: 'target:write' },
      { key: '/responsibility', label: '责任分工', icon: <ApartmentOutlined />, permission: 'scheme:write' },
      { key: '/calendar', label: '报送日历', icon: <ScheduleOutlined />, permission: 'calendar:write' },
      { key: '/completion', label: '报送完成情况', icon: <FundOutlined />, permission: 'calendar:read' },
      { key: '/surveys', label: '满意度测评', icon: <SmileOutlined />, permission: 'fact:import' },
      { key: '/burden', label: '填报负担', icon: <DashboardOutlined />, permission: 'scheme:write' },
    ],
  },
  { key: 'report', label: '数据填报', entries: [{ key: '/work', label: '数据填报', icon: <FormOutlined />, permission: 'report:submit' }] },
  {
    key: 'review',
    label: '审核评分',
    entries: [
      { key: '/verification', label: '审核评分', icon: <AuditOutlined />, permission: 'judgement:write' },
      { key: '/appeals', label: '申诉', icon: <ExceptionOutlined />, permission: 'appeal:read' },
    ],
  },
  { key: 'lead', label: '领导查看', entries: [{ key: '/overview', label: '考核概览', icon: <DashboardOutlined />, permission: 'result:read' }] },
  {
    key: 'results',
    label: '结果发布',
    entries: [
      { key: '/results', label: '考核结果与排名', icon: <BarChartOutlined />, permission: 'result:read' },
      { key: '/publication', label: '公示与发布', icon: <NotificationOutlined />, permission: 'result:read', readOnly: { unless: 'result:publish', label: '结果公示' } },
      { key: '/whatif', label: '情景试算', icon: <ExperimentOutlined />, permission: 'result:recompute' },
      { key: '/multiyear', label: '多年度', icon: <HistoryOutlined />, permission: 'result:read' },
    ],
  },
  {
    key: 'system',
    label: '系统管理',
    entries: [
      { key: '/admin/users', label: '用户管理', icon: <TeamOutlined />, permission: 'user:read' },
      { key: '/admin/audit', label: '审计日志', icon: <AuditOutlined />, permission: 'audit:read' },
    ],
  },
  { key: 'me', label: '个人中心', entries: [{ key: '/account', label: '账户与安全', icon: <UserOutlined />, permission: 'any' }, { key: '/notifications', label: '我的通知', icon: <BellOutlined />, permission: 'any' }] },
];

export function visibleMenu(can: (p: Permission) => boolean): MenuGroup[] {
  return menu
    .map((g) => ({ ...g, entries: g.entries.filter((e) => e.permission === 'any' || can(e.permission)).map((e) => (e.readOnly && !can(e.readOnly.unless) ? { ...e, label: e.readOnly.label } : e)) }))
    .filter((g) => g.entries.length > 0);
}
