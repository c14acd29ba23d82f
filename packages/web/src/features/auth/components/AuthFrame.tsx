import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';

/** The frame of the screens before the shell: login, password change, TOTP enrolment. */
export function AuthFrame({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="kh-auth">
      <Card className="kh-auth-card">
        <Typography.Title level={3} style={{ textAlign: 'center', marginBottom: 4 }}>
          考核通
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          目标责任制考核管理系统
        </Typography.Paragraph>
        <Typography.Title level={4}>{title}</Typography.Title>
        {children}
      </Card>
    </div>
  );
}
