/**
 * Errors a file can cause. Each has a stable code, an English message and a Chinese one, so
 * the CLI and the console can show the clerk why a file was refused. Nothing is half-read:
 * a reader either returns the whole message or throws one of these.
 */
export type Iso20022ErrorCode =
  | 'too_large'
  | 'doctype_refused'
  | 'too_deep'
  | 'truncated'
  | 'malformed'
  | 'no_document'
  | 'unknown_namespace'
  | 'unsupported_version'
  | 'missing_field'
  | 'invalid_value';

const ZH: Record<Iso20022ErrorCode, string> = {
  too_large: '文件过大',
  doctype_refused: '拒绝含 DOCTYPE/ENTITY 声明的 XML',
  too_deep: 'XML 嵌套层级过深',
  truncated: 'XML 文件不完整（被截断）',
  malformed: 'XML 格式错误',
  no_document: '未找到 ISO 20022 报文体（Document）',
  unknown_namespace: '无法识别的报文命名空间',
  unsupported_version: '不支持的报文版本',
  missing_field: '缺少必填字段',
  invalid_value: '字段值无效',
};

export class Iso20022Error extends Error {
  readonly messageZh: string;
  constructor(
    readonly code: Iso20022ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'Iso20022Error';
    this.messageZh = `${ZH[code]}：${message}`;
  }
}
