import { Alert } from 'antd';
import { ApiError, messageOf } from '../../lib/api-client';

/** The one message area of a page or form: the server's Chinese message, and its request number. */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const requestId = error instanceof ApiError ? error.requestId : undefined;
  return (
    <Alert
      role="alert"
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      message={title ?? messageOf(error)}
      description={title ? messageOf(error) : requestId ? `请求编号 ${requestId}，如需帮助请告知管理员。` : undefined}
    />
  );
}
