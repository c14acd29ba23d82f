import { InboxOutlined } from '@ant-design/icons';
import { Upload } from 'antd';

/**
 * Files chosen by click or drag and drop, kept in the form until it is sent (each is uploaded
 * after the record it belongs to is saved, with progress), removable one by one.
 */
export function FilePicker({ files, onChange, accept }: { files: File[]; onChange: (files: File[]) => void; accept?: string }) {
  return (
    <Upload.Dragger
      multiple
      {...(accept ? { accept } : {})}
      fileList={files.map((f, i) => ({ uid: String(i), name: f.name, size: f.size, status: 'done' as const }))}
      beforeUpload={(file, list) => {
        // antd calls this once per file of a multi-file drop with the whole list: add the list once
        if (file === list[0]) onChange([...files, ...list]);
        return false;
      }}
      onRemove={(file) => onChange(files.filter((_f, i) => String(i) !== file.uid))}
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined />
      </p>
      <p className="ant-upload-text">点击或拖拽文件到此处</p>
    </Upload.Dragger>
  );
}
