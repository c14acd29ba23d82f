import { Form, Input, Modal } from 'antd';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { showFieldErrors } from '../../../lib/api-client';
import { useCreateUser } from '../api/users-api';

type Values = { login: string; displayName: string; initialPassword: string };

/** 新增业务账户: the initial password must be changed at first login (the server enforces it). */
export function CreateUserModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const create = useCreateUser();
  const close = () => {
    form.resetFields();
    create.reset();
    onClose();
  };
  return (
    <Modal
      open={open}
      title="新增业务账户"
      okText="保存"
      cancelText="取消"
      confirmLoading={create.isPending}
      onCancel={close}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <ErrorAlert error={create.error} />
      <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v, { onSuccess: close, onError: (e) => showFieldErrors(form, e) })}>
        <Form.Item name="login" label="登录名" rules={[{ required: true, message: '请输入登录名' }, { pattern: /^[A-Za-z0-9._@-]{2,64}$/, message: '登录名为 2–64 位字母、数字或 ._@-' }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label="姓名或单位" rules={[{ required: true, message: '请输入姓名或单位' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="initialPassword" label="初始密码" extra="首次登录时须修改。至少 8 位，含三类字符。" rules={[{ required: true, message: '请输入初始密码' }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
