import type { ResponseOf } from '@kaohe/contract/api';
import type { calendarApi } from '@kaohe/contract/api';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, InputNumber, Select, Space, message } from 'antd';
import { useEffect } from 'react';
import { ErrorAlert } from '../../../components/ui/ErrorAlert';
import { showFieldErrors } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import { useCalendarSettings, useUpdateSettings } from '../api/calendar-api';

type Settings = ResponseOf<typeof calendarApi.settings>;
const datePattern = { pattern: /^\d{4}-\d{2}-\d{2}$/, message: '日期须为 YYYY-MM-DD' };
const clockPattern = { pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: '时间须为 HH:MM' };
const dayOptions = [0, 1, 2, 3, 5, 7, 10, 15].map((d) => ({ value: d, label: `${d} 天` }));

/** 节假日与调休: the State Council's list as data the 考评办 edits (放假日期段 and 调休上班日). */
function HolidaysCard({ assessmentId, settings, canWrite }: { assessmentId: string; settings: Settings; canWrite: boolean }) {
  const [form] = Form.useForm<Settings['holidays']>();
  const update = useUpdateSettings(assessmentId);
  useEffect(() => form.setFieldsValue(settings.holidays), [settings, form]);
  const save = async (values: Settings['holidays']) => {
    try {
      await update.mutateAsync({ holidays: { ...settings.holidays, ...values, holidays: values.holidays ?? [], workdays: values.workdays ?? [] }, version: settings.version });
      message.success('已保存节假日与调休清单');
    } catch (error) {
      showFieldErrors(form, error);
    }
  };
  return (
    <Card title="节假日与调休" size="small" extra={settings.holidays.source ? `来源：${settings.holidays.source}` : undefined}>
      <ErrorAlert error={update.error} />
      <Form form={form} layout="vertical" onFinish={save} disabled={!canWrite} initialValues={settings.holidays}>
        <Form.Item name="name" label="清单名称">
          <Input maxLength={200} />
        </Form.Item>
        <p className="kh-muted">放假日期段（含首尾）：</p>
        <Form.List name="holidays">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" wrap>
                  <Form.Item name={[field.name, 'name']} rules={[{ required: true, message: '请填写节日名称' }]}>
                    <Input placeholder="节日" style={{ width: 120 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'from']} rules={[{ required: true, message: '请填写开始日期' }, datePattern]}>
                    <Input placeholder="开始 YYYY-MM-DD" style={{ width: 150 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'to']} rules={[{ required: true, message: '请填写结束日期' }, datePattern]}>
                    <Input placeholder="结束 YYYY-MM-DD" style={{ width: 150 }} />
                  </Form.Item>
                  {canWrite && <MinusCircleOutlined aria-label="删除此行" onClick={() => remove(field.name)} />}
                </Space>
              ))}
              {canWrite && (
                <Form.Item>
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', from: '', to: '' })}>
                    添加放假日期段
                  </Button>
                </Form.Item>
              )}
            </>
          )}
        </Form.List>
        <p className="kh-muted">调休上班日（周末上班）：</p>
        <Form.List name="workdays">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" wrap>
                  <Form.Item name={[field.name, 'name']} rules={[{ required: true, message: '请填写说明' }]}>
                    <Input placeholder="如 春节调休" style={{ width: 150 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'date']} rules={[{ required: true, message: '请填写日期' }, datePattern]}>
                    <Input placeholder="YYYY-MM-DD" style={{ width: 150 }} />
                  </Form.Item>
                  {canWrite && <MinusCircleOutlined aria-label="删除此行" onClick={() => remove(field.name)} />}
                </Space>
              ))}
              {canWrite && (
                <Form.Item>
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', date: '' })}>
                    添加调休上班日
                  </Button>
                </Form.Item>
              )}
            </>
          )}
        </Form.List>
        {canWrite && (
          <Button type="primary" htmlType="submit" loading={update.isPending}>
            保存节假日清单
          </Button>
        )}
      </Form>
    </Card>
  );
}

type Rounds = { roundsCap: number | null; beforeDays: number[]; afterDays: number[]; sendAt: string; quietFrom: string; quietTo: string };

/** 每月报送轮次上限 and the reminder settings (before/after due, send time, quiet hours). */
function RoundsCard({ assessmentId, settings, canWrite }: { assessmentId: string; settings: Settings; canWrite: boolean }) {
  const [form] = Form.useForm<Rounds>();
  const update = useUpdateSettings(assessmentId);
  const initial: Rounds = { roundsCap: settings.roundsCap, ...settings.reminders };
  useEffect(() => form.setFieldsValue({ roundsCap: settings.roundsCap, ...settings.reminders }), [settings, form]);
  const save = async (v: Rounds) => {
    try {
      await update.mutateAsync({ roundsCap: v.roundsCap ?? null, reminders: { beforeDays: v.beforeDays, afterDays: v.afterDays, sendAt: v.sendAt, quietFrom: v.quietFrom, quietTo: v.quietTo }, version: settings.version });
      message.success('已保存报送轮次与提醒设置');
    } catch (error) {
      showFieldErrors(form, error);
    }
  };
  return (
    <Card title="报送轮次与提醒" size="small">
      <ErrorAlert error={update.error} />
      <Form form={form} layout="vertical" onFinish={save} disabled={!canWrite} initialValues={initial}>
        <Form.Item name="roundsCap" label="每个单位每月最多报送轮次（不填为不限）" extra="生成应报事项时超过上限须填写理由，记入审计。">
          <InputNumber min={1} max={31} precision={0} placeholder="不限" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="beforeDays" label="截止日前提醒（天）">
            <Select mode="multiple" style={{ width: 200 }} options={dayOptions} />
          </Form.Item>
          <Form.Item name="afterDays" label="逾期后催报（天）">
            <Select mode="multiple" style={{ width: 200 }} options={dayOptions} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="sendAt" label="提醒发送时间" rules={[{ required: true, message: '请填写时间' }, clockPattern]}>
            <Input style={{ width: 100 }} />
          </Form.Item>
          <Form.Item name="quietFrom" label="免打扰开始" rules={[{ required: true, message: '请填写时间' }, clockPattern]}>
            <Input style={{ width: 100 }} />
          </Form.Item>
          <Form.Item name="quietTo" label="免打扰结束" rules={[{ required: true, message: '请填写时间' }, clockPattern]}>
            <Input style={{ width: 100 }} />
          </Form.Item>
        </Space>
        {canWrite && (
          <Button type="primary" htmlType="submit" loading={update.isPending}>
            保存设置
          </Button>
        )}
      </Form>
    </Card>
  );
}

export function SettingsTab({ assessmentId, canWrite }: { assessmentId: string; canWrite: boolean }) {
  const settings = useCalendarSettings(assessmentId);
  if (settings.error) return <ErrorAlert error={settings.error} />;
  if (!settings.data) return <Card loading />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <span className="kh-muted">
        第 {settings.data.version} 版{settings.data.version > 0 ? `，${formatDateTime(settings.data.updatedAt)} 修改` : '（未修改过，为默认设置）'}
      </span>
      <RoundsCard assessmentId={assessmentId} settings={settings.data} canWrite={canWrite} />
      <HolidaysCard assessmentId={assessmentId} settings={settings.data} canWrite={canWrite} />
    </Space>
  );
}
