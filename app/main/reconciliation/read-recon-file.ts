import { createHash } from 'node:crypto';
import { Iso20022Error, readIso20022, type Balance, type Statement } from '../../shared/iso20022';
import { DEFAULT_RULES, decimalToMinor, detectStatementFormat, readCsvLines, readMt940, ReconInputError, statementsToLines, type StatementLine } from '../../shared/recon';
import { UserError } from '../user-error';

/** A file sent to a session, read whole (or refused whole) by the shared readers. */
export interface ReadReconFile {
  hash: string;
  format: 'camt.053' | 'camt.054' | 'mt940' | 'csv';
  lines: StatementLine[];
  /** The statement's own account, balances in signed fen; null for CSV. */
  account: string | null;
  openingMinor: bigint | null;
  closingMinor: bigint | null;
}

export function fileHash(content: string): string {
  return createHash('sha256').update(content, 'utf8').digest('hex');
}

function signed(balance: Balance | null): bigint | null {
  if (balance === null) return null;
  const magnitude = decimalToMinor(balance.amount, balance.currency);
  return balance.creditDebit === 'CRDT' ? magnitude : -magnitude;
}

/**
 * A line's id is its bank reference when that identifies it; otherwise the reader's positional
 * id ("S1-3") or a placeholder reference the reader kept because it was unique in the file
 * ("NOTPROVIDED") would repeat from file to file, so those are qualified by the file's hash.
 * Real references stay as they are, so the same entry in a re-sent file is recognised.
 */
const PLACEHOLDERS = new Set(DEFAULT_RULES.reference.ignore.map((r) => r.toUpperCase()));

function qualify(lines: StatementLine[], hash: string): StatementLine[] {
  const identifying = (id: string) => !/^S\d+-\d+$/.test(id) && !PLACEHOLDERS.has(id.trim().toUpperCase()) && id.trim().length >= DEFAULT_RULES.reference.minLength;
  return lines.map((line) => (identifying(line.id) ? line : { ...line, id: `${hash.slice(0, 8)}:${line.id}` }));
}

function fromStatements(statements: Statement[], format: ReadReconFile['format'], hash: string): ReadReconFile {
  const accounts = [...new Set(statements.map((s) => s.account))];
  if (accounts.length > 1) {
    throw new UserError('recon.many_accounts', `The file holds statements of ${accounts.length} accounts; send one account's statement.`, `文件包含 ${accounts.length} 个账户的对账单，请只导入一个账户的对账单。`);
  }
  return {
    hash,
    format,
    lines: qualify(statementsToLines(statements), hash),
    account: accounts[0] ?? null,
    openingMinor: signed(statements[0]?.openingBalance ?? null),
    closingMinor: signed(statements[statements.length - 1]?.closingBalance ?? null),
  };
}

/**
 * The reader's refusal in Chinese, for a console running in Chinese: the English detail names
 * fields and values the way the file writes them, so the Chinese says what kind of problem,
 * where (the line) and which text of the file (the quoted values), with no English.
 */
const RECON_ERROR_ZH: Record<string, string> = {
  bad_amount: '金额不正确',
  bad_csv: 'CSV 格式不正确',
  bad_date: '日期不正确',
  bad_mapping: '列映射不正确',
  bad_mt940: 'MT940 格式不正确',
  bad_statement: '对账单内容不完整',
  duplicate_id: '记录编号重复',
  not_a_statement: '不是对账单',
  too_large: '文件过大',
  unknown_currency: '币种未知',
};

export function reconErrorZh(error: ReconInputError): string {
  const kind = RECON_ERROR_ZH[error.code] ?? '文件内容不正确';
  // The values the English quotes are the file's own text: they are shown as they are.
  const quoted = error.message.match(/"[^"]*"/g) ?? [];
  return `${error.lineNumber === undefined ? '' : `第 ${error.lineNumber} 行：`}${kind}${quoted.length === 0 ? '' : `：${quoted.join('、')}`}`;
}

/** Reads a statement (camt.053/054, MT940, CSV) or a books CSV; any refusal is a UserError. */
export function readReconFile(content: string, side: 'books' | 'statement'): ReadReconFile {
  const hash = fileHash(content);
  try {
    if (side === 'books') return { hash, format: 'csv', lines: readCsvLines(content, {}, 'books'), account: null, openingMinor: null, closingMinor: null };
    const format = detectStatementFormat(content);
    if (format === 'csv') return { hash, format: 'csv', lines: readCsvLines(content, {}, 'statement'), account: null, openingMinor: null, closingMinor: null };
    if (format === 'mt940') return fromStatements(readMt940(content), 'mt940', hash);
    const message = readIso20022(content);
    if (message.type !== 'camt.053' && message.type !== 'camt.054') {
      throw new UserError('recon.not_a_statement', `The file is a ${message.type}, not a camt.053/054 statement.`, `该文件是 ${message.type} 报文，不是 camt.053/054 对账单。`);
    }
    return fromStatements(message.statements, message.type, hash);
  } catch (error) {
    if (error instanceof Iso20022Error) {
      throw new UserError('recon.bad_file', `The file was refused: ${error.message}`, `文件被拒绝：${error.messageZh}`);
    }
    if (error instanceof ReconInputError) {
      throw new UserError('recon.bad_file', `The file was refused: ${error.message}`, `文件被拒绝：${reconErrorZh(error)}`);
    }
    throw error;
  }
}
