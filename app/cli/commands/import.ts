import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { userInfo } from 'node:os';
import { type CommandModule, EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError } from '../command';
import { InputTooLargeError, readBoundedText } from '../bounded-read';
import { STORE_FILE } from '../../main/backend';
import { openDatabase } from '../../main/store/open-database';
import { migrate } from '../../main/store/migrate';
import { BULK_MIGRATIONS } from '../../main/bulk/migrations';
import { importBulk } from '../../main/bulk/bulk-batches';
import { UserError } from '../../main/user-error';
import { looksLikeXml } from '../../shared/bulk';

/** A pain.001 of 50,000 payments (the line limit) is about 35 MB; 64 MiB leaves room. */
const MAX_IMPORT_FILE_BYTES = 64 * 1024 * 1024;

const usage = `usage: hankou import pain001 --data DIR [--user NAME] FILE
       hankou import csv --data DIR [--user NAME] FILE
  Imports a corporate customer's bulk payment file into the console store in DIR as one batch
  (docs/bulk-import.md): pain.001 001.03 or 001.09, or the bulk CSV layout. Each line is
  validated (account, 行号, amount, currency, names, purpose, duplicates in the file and against
  the last 7 days); the valid lines wait as the batch for a supervisor to verify on the console.
  Prints {batch, lines, valid, invalid: [{line, field, reason}], total} as JSON.
  --data DIR   console data folder (default: $HANKOU_DATA_DIR)
  --user NAME  who imported it, for the audit log and the maker of the payments
               (default: cli:<login name>); the verifying supervisor must be someone else
  Exit 0 imported; 2 not a pain.001 (or not the CSV layout), unreadable, or usage; 1 refused.`;

export const command: CommandModule = {
  summary: 'import a bulk payment file (pain.001 or CSV) into the console as a batch',
  usage,
  async run(args, io) {
    const [format, ...rest] = args;
    if (format !== 'pain001' && format !== 'csv') throw new UsageError(format === undefined ? 'missing format (pain001 or csv)' : `unknown format "${format}"`);
    let dataDir = process.env.HANKOU_DATA_DIR || undefined;
    let user = `cli:${userInfo().username}`;
    const files: string[] = [];
    for (let i = 0; i < rest.length; i += 1) {
      const arg = rest[i] as string;
      if (arg === '--data' || arg === '--user') {
        const value = rest[i + 1];
        if (value === undefined) throw new UsageError(`${arg} needs a value`);
        if (arg === '--data') dataDir = value;
        else user = value;
        i += 1;
      } else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
      else files.push(arg);
    }
    if (dataDir === undefined) throw new UsageError('--data DIR is required (or HANKOU_DATA_DIR)');
    if (files.length !== 1) throw new UsageError('give exactly one FILE');
    const file = files[0] as string;
    const storePath = join(resolve(dataDir), STORE_FILE);
    if (!existsSync(storePath)) {
      io.err(`hankou import: no console store in ${dataDir} (start the console there once first)`);
      return EXIT_USAGE;
    }
    let content: string;
    try {
      content = await readBoundedText(file, MAX_IMPORT_FILE_BYTES, io);
    } catch (error) {
      io.err(`hankou import: cannot read ${file}: ${error instanceof InputTooLargeError ? error.message : (error as Error).message}`);
      return EXIT_USAGE;
    }
    if ((format === 'pain001') !== looksLikeXml(content)) {
      io.err(`hankou import: ${file} is not a ${format === 'pain001' ? 'pain.001 (XML)' : 'bulk CSV'} file\n${format === 'pain001' ? '不是 pain.001 报文' : '不是约定格式的批量 CSV 文件'}`);
      return EXIT_USAGE;
    }
    const db = openDatabase(storePath);
    try {
      migrate(db);
      migrate(db, BULK_MIGRATIONS);
      const outcome = importBulk(db, { content, fileName: file.split('/').at(-1) ?? file }, { username: user, at: new Date().toISOString() });
      io.out(
        JSON.stringify(
          {
            batch: outcome.batch.id,
            lines: outcome.batch.lines,
            valid: outcome.batch.valid,
            invalid: outcome.invalid.map((e) => ({ line: e.line, field: e.field, reason: e.reason })),
            total: outcome.batch.total,
          },
          null,
          2,
        ),
      );
      return EXIT_OK;
    } catch (error) {
      if (error instanceof UserError) {
        io.err(`hankou import: ${file}: ${error.code}: ${error.message}\n${error.messageZh}`);
        const notTheFormat = error.code === 'bulk.not_pain001' || error.code === 'bulk.not_bulk_csv' || error.code === 'bulk.malformed' || error.code === 'bulk.too_large' || error.code === 'bulk.empty';
        return notTheFormat ? EXIT_USAGE : EXIT_FAILED;
      }
      throw error;
    } finally {
      db.close();
    }
  },
};
