import type { Permission } from '@kaohe/contract/api';
import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useAuth } from '../../lib/auth';

/** A screen the role may not use says so instead of failing on its first request. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { can } = useAuth();
  if (!can(permission)) return <Result status="403" title="无权访问" subTitle="您的角色不能使用此页面。如需使用，请联系安全管理员授予相应角色。" />;
  return <>{children}</>;
}
