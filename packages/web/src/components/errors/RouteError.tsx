import { Button, Result } from 'antd';
import { isRouteErrorResponse, useNavigate, useRouteError } from 'react-router';
import { messageOf } from '../../lib/api-client';

/** One boundary per route: a screen that fails shows why and a way back, the rest keeps working. */
export function RouteError() {
  const error = useRouteError();
  const navigate = useNavigate();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <Result
      status={notFound ? '404' : 'error'}
      title={notFound ? '页面不存在' : '页面出错了'}
      subTitle={notFound ? '地址可能有误，或该页面尚未提供。' : `${messageOf(error)}（可返回首页后重试）`}
      extra={<Button type="primary" onClick={() => navigate('/')}>返回首页</Button>}
    />
  );
}

export function NotFound() {
  const navigate = useNavigate();
  return <Result status="404" title="页面不存在" subTitle="地址可能有误，或该页面尚未提供。" extra={<Button type="primary" onClick={() => navigate('/')}>返回首页</Button>} />;
}
