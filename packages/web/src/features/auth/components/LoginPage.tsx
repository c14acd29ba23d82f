import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Form, Input } from 'antd';
import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { showFieldErrors } from '../../../lib/api-client';
import { useAuth } from '../../../lib/auth';
import { useLogin } from '../api/auth-mutations';
import { AuthFrame } from './AuthFrame';

type Values = { login: string; password: string; totp?: string };

export function LoginPage() {
  const [form] = Form.useForm<Values>();
  const login = useLogin();
  const { session } = useAuth();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from;

  useEffect(() => {
    if (!session) return;
    if (session.stage === 'password-change') navigate('/change-password', { replace: true });
    else if (session.stage === 'totp-enrol') navigate('/totp-enrol', { replace: true });
    else navigate(from && from !== '/login' ? from : '/', { replace: true });
  }, [session, from, navigate]);

  const submit = (values: Values) =>
    login.mutate(
      { login: values.login, password: values.password, ...(values.totp ? { totp: values.totp } : {}) },
      { onError: (error) => showFieldErrors(form, error) },
    );

  return (
    <AuthFrame title="登录">
      <ErrorAlert error={login.error} />
      <Form form={form} layout="vertical" onFinish={submit} requiredMark disabled={login.isPending}>
        <Form.Item name="login" label="登录名" rules={[{ required: true, message: '请输入登录名' }]}>
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="totp"
          label="动态口令"
          extra="管理员账户及已绑定动态口令的账户必填：身份验证器应用中的 6 位数字。"
          rules={[{ pattern: /^\d{6}$/, message: '动态口令为 6 位数字' }]}
        >
          <Input prefix={<SafetyOutlined />} inputMode="numeric" maxLength={6} autoComplete="one-time-code" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={login.isPending}>
          登录
        </Button>
      </Form>
    </AuthFrame>
  );
}
