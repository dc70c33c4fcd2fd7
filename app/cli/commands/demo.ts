import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type CommandModule, EXIT_FAILED, EXIT_OK, UsageError } from '../command';
import { openDatabase } from '../../main/store/open-database';
import { migrate } from '../../main/store/migrate';
import { STORE_FILE } from '../../main/backend';
import { DEFAULT_DEMO_PAYMENTS, ensureInitialised } from '../../main/demo/initialise';

const usage = `usage: hankou demo --data DIR [--payments N]
  Creates a demo console store in DIR (${STORE_FILE}): the Wuhan participants with 汉口银行 as our
  bank, the demo operators (clerk1 clerk2 super1 super2 risk1 risk2 recon1 audit1 admin) whose
  passwords are printed once and kept nowhere (lost them? hankou console new-password
  --data DIR --demo-operators), and N payments of history (default ${DEFAULT_DEMO_PAYMENTS}).
  DIR must not hold a store already.`;

export const command: CommandModule = {
  summary: 'create a demo console store with operators and payment history',
  usage,
  async run(args, io) {
    let dataDir: string | undefined;
    let payments = DEFAULT_DEMO_PAYMENTS;
    for (let i = 0; i < args.length; i += 1) {
      const arg = args[i];
      const value = args[i + 1];
      if (arg === '--data' || arg === '--payments') {
        if (value === undefined) throw new UsageError(`${arg} needs a value`);
        i += 1;
        if (arg === '--data') dataDir = value;
        else {
          payments = Number(value);
          if (!Number.isInteger(payments) || payments < 0 || payments > 10_000_000) throw new UsageError('--payments must be a whole number from 0 to 10000000');
        }
      } else throw new UsageError(`unknown argument "${arg}"`);
    }
    if (dataDir === undefined) throw new UsageError('--data DIR is required');
    if (existsSync(join(dataDir, STORE_FILE))) {
      io.err(`hankou demo: ${join(dataDir, STORE_FILE)} already exists; pick an empty folder`);
      return EXIT_FAILED;
    }
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const db = openDatabase(join(dataDir, STORE_FILE));
    try {
      migrate(db);
      await ensureInitialised(db, { dataDir, demo: { payments }, now: () => new Date(), log: (line) => io.out(line) });
    } finally {
      db.close();
    }
    io.out(`Demo store ready: ${join(dataDir, STORE_FILE)}`);
    return EXIT_OK;
  },
};
