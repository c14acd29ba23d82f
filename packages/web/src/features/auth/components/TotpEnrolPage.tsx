import { Alert, Button, Form, Input, Typography } from 'antd';
import { useEffect } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { showFieldErrors } from '../../../lib/api-client';
import { useAuth } from '../../../lib/auth';
import { useTotpConfirm, useTotpEnrol } from '../api/auth-mutations';
import { AuthFrame } from './AuthFrame';

/**
 * 动态口令绑定: the secret is shown as text to type into an authenticator app (a QR code would need
 * a generator library; the otpauth address is shown too for apps that accept it).
 */
export function TotpEnrolPage() {
  const { session, signOut } = useAuth();
  const navigate = useNavigate();
  const enrol = useTotpEnrol();
  const confirm = useTotpConfirm();
  const [form] = Form.useForm<{ code: string }>();
  useEffect(() => {
    if (session?.stage === 'full') navigate('/', { replace: true });
  }, [session, navigate]);
  if (!session) return <Navigate to="/login" replace />;
  const secret = enrol.data?.secret;
  return (
    <AuthFrame title="绑定动态口令">
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message="本账户须使用动态口令登录。请在手机的身份验证器应用中添加下面的密钥，再输入应用显示的 6 位数字。" />
      <ErrorAlert error={enrol.error ?? confirm.error} />
      {!secret ? (
        <Button type="primary" onClick={() => enrol.mutate()} loading={enrol.isPending}>
          生成密钥
        </Button>
      ) : (
        <>
          <Typography.Paragraph>
            密钥：<Typography.Text code copyable data-testid="totp-secret">{secret}</Typography.Text>
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary" style={{ wordBreak: 'break-all' }}>
            {enrol.data?.otpauthUri}
          </Typography.Paragraph>
          <Form
            form={form}
            layout="vertical"
            onFinish={({ code }) => confirm.mutate({ secret, code }, { onError: (e) => showFieldErrors(form, e) })}
          >
            <Form.Item name="code" label="动态口令" rules={[{ required: true, pattern: /^\d{6}$/, message: '动态口令为 6 位数字' }]}>
              <Input inputMode="numeric" maxLength={6} autoComplete="one-time-code" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={confirm.isPending}>
              确认绑定
            </Button>
          </Form>
        </>
      )}
      <Button type="link" style={{ paddingLeft: 0, marginTop: 8 }} onClick={() => signOut().then(() => navigate('/login', { replace: true }))}>
        退出登录
      </Button>
    </AuthFrame>
  );
}
