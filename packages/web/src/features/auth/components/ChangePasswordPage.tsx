import { Alert, Button } from 'antd';
import { useEffect } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { useAuth } from '../../../lib/auth';
import { AuthFrame } from './AuthFrame';
import { ChangePasswordForm } from './ChangePasswordForm';

/** The screen a session must pass when its password is initial or expired. */
export function ChangePasswordPage() {
  const { session, signOut } = useAuth();
  const navigate = useNavigate();
  useEffect(() => {
    if (session?.stage === 'full') navigate('/', { replace: true });
    else if (session?.stage === 'totp-enrol') navigate('/totp-enrol', { replace: true });
  }, [session, navigate]);
  if (!session) return <Navigate to="/login" replace />;
  return (
    <AuthFrame title="修改密码">
      <Alert type="warning" showIcon style={{ marginBottom: 16 }} message="初始密码或密码已过期，须先修改密码才能继续使用。" />
      <ChangePasswordForm />
      <Button type="link" style={{ paddingLeft: 0, marginTop: 8 }} onClick={() => signOut().then(() => navigate('/login', { replace: true }))}>
        退出登录
      </Button>
    </AuthFrame>
  );
}
