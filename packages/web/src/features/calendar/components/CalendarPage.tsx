import { Breadcrumb, Card, Space, Tabs } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import { useAuth } from '../../../lib/auth';
import { DueItemsTab } from './DueItemsTab';
import { SettingsTab } from './SettingsTab';
import { WindowsTab } from './WindowsTab';

/** 报送日历 (考评办): report windows, the due list, the holiday list and the round cap with reminders. */
export function CalendarPage() {
  const { id = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const { can } = useAuth();
  const canWrite = can('calendar:write');
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/assessments">考核年度</Link> }, { title: '报送日历' }]} />
      <Card title="报送日历" extra={<Link to={`/assessments/${id}/completion`}>报送完成情况</Link>}>
        <Tabs
          activeKey={search.get('tab') ?? 'windows'}
          onChange={(tab) => setSearch({ tab }, { replace: true })}
          items={[
            { key: 'windows', label: '报送周期', children: <WindowsTab assessmentId={id} canWrite={canWrite} /> },
            { key: 'due', label: '应报事项', children: <DueItemsTab assessmentId={id} /> },
            { key: 'settings', label: '节假日、轮次与提醒', children: <SettingsTab assessmentId={id} canWrite={canWrite} /> },
          ]}
        />
      </Card>
    </Space>
  );
}
