import { sensitivityLabels, sensitivityLabelsZh, labelsApi, type LabelledKind, type SensitivityLabel as Label } from '@kaohe/contract/api';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Select, Space, Tag, Tooltip, message } from 'antd';
import { callApi, messageOf } from '../../lib/api-client';
import { useAuth } from '../../lib/auth';
import { formatDateTime } from '../../lib/format';

const colours: Record<Label, string> = { draft: 'gold', internal: 'blue', public: 'green' };

/**
 * 密级 of a scheme, a result set, a publication or an evidence file: shown as a tag to everyone who
 * reads the object, changeable by the 考评办 (label:write, audited). Reads and downloads follow it.
 */
export function SensitivityLabel({ objectType, objectId }: { objectType: LabelledKind; objectId: string }) {
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const key = ['label', objectType, objectId];
  const label = useQuery({ queryKey: key, retry: false, queryFn: ({ signal }) => callApi(labelsApi.getLabel, { query: { objectType, objectId }, signal }) });
  const set = useMutation({
    mutationFn: (next: Label) => callApi(labelsApi.setLabel, { body: { objectType, objectId, label: next } }),
    onSuccess: (r) => {
      message.success(`密级已由“${sensitivityLabelsZh[r.previous]}”改为“${r.labelName}”`);
      return queryClient.invalidateQueries({ queryKey: key });
    },
    onError: (error) => message.error(messageOf(error)),
  });
  if (label.error) return <Tooltip title={messageOf(label.error)}><Tag>密级未知</Tag></Tooltip>;
  if (!label.data) return null;
  const tag = (
    <Tooltip title={label.data.isDefault ? '未设置，为默认密级' : `设置于 ${formatDateTime(label.data.setAt)}`}>
      <Tag color={colours[label.data.label]} data-testid={`label-${objectType}`}>
        密级：{label.data.labelName}
      </Tag>
    </Tooltip>
  );
  if (!can('label:write')) return tag;
  return (
    <Space size={4}>
      {tag}
      <Select
        size="small"
        aria-label="设置密级"
        style={{ width: 96 }}
        value={label.data.label}
        loading={set.isPending}
        onChange={(next: Label) => set.mutate(next)}
        options={sensitivityLabels.map((l) => ({ value: l, label: sensitivityLabelsZh[l] }))}
      />
    </Space>
  );
}
