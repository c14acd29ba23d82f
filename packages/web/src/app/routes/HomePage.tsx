import { Card, Col, Result, Row } from 'antd';
import { Link, Navigate } from 'react-router';
import { useAuth } from '../../lib/auth';
import { visibleMenu } from '../menu';

/** 首页: the role's jobs as cards; a role with a single job goes straight to it. */
export function HomePage() {
  const { can, session } = useAuth();
  // 个人中心 (account, notifications) is everyone's: it does not count as a job of the role
  const entries = visibleMenu(can)
    .filter((g) => g.key !== 'me')
    .flatMap((g) => g.entries);
  if (entries.length === 1) return <Navigate to={entries[0]!.key} replace />;
  if (entries.length === 0) {
    return <Result status="info" title={`${session?.login ?? ''}，您好`} subTitle="您的账户尚未被授予业务角色。请联系安全管理员授予角色后重新登录。" />;
  }
  return (
    <Row gutter={[16, 16]}>
      {entries.map((e) => (
        <Col key={e.key} xs={24} sm={12} lg={8}>
          <Link to={e.key}>
            <Card hoverable>
              <Card.Meta avatar={e.icon} title={e.label} />
            </Card>
          </Link>
        </Col>
      ))}
    </Row>
  );
}
