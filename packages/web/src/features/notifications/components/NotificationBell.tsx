import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, List, Popover } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { formatDateTime } from '../../../lib/format';
import { useMarkRead, useNotifications } from '../api/notifications-api';

/** The bell in the top bar: unread count, the five newest unread, 全部通知. */
export function NotificationBell() {
  const unread = useNotifications(true);
  const markRead = useMarkRead();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const list = unread.data ?? [];
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      title="未读通知"
      content={
        <div style={{ width: 300 }}>
          <List
            size="small"
            dataSource={list.slice(0, 5)}
            locale={{ emptyText: '没有未读通知' }}
            renderItem={(n) => (
              <List.Item actions={[<a key="read" onClick={() => markRead.mutate(n.id)}>标为已读</a>]}>
                <List.Item.Meta title={n.title} description={`${formatDateTime(n.createdAt)} ${n.body.slice(0, 40)}`} />
              </List.Item>
            )}
          />
          <Button type="link" block onClick={() => (setOpen(false), navigate('/notifications'))}>
            全部通知
          </Button>
        </div>
      }
    >
      <Badge count={list.length} size="small" overflowCount={99}>
        <Button icon={<BellOutlined />} aria-label={`通知，${list.length} 条未读`} />
      </Badge>
    </Popover>
  );
}
