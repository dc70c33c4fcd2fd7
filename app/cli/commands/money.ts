import { type CommandModule, EXIT_OK, EXIT_USAGE, UsageError } from '../command';
import { amountInCapitals, formatAmountGrouped, tryParseAmount } from '../../shared/money';

const usage = `usage: hankou money words AMOUNT [--prefix]
  Prints AMOUNT (CNY, e.g. 1409.50) in Chinese capitals (大写) as the PBoC rules require.
  --prefix   write 人民币 before the capitals, as on a voucher`;

export const command: CommandModule = {
  summary: 'money helpers: amount in Chinese capitals (大写)',
  usage,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub !== 'words') throw new UsageError(sub === undefined ? 'missing subcommand' : `unknown subcommand "${sub}"`);
    const prefix = rest.includes('--prefix');
    const amounts = rest.filter((a) => a !== '--prefix');
    if (amounts.length !== 1) throw new UsageError('give exactly one amount');
    const text = amounts[0] ?? '';
    const parsed = tryParseAmount(text, 'CNY');
    if (!parsed.ok) {
      io.err(`hankou money words: ${parsed.message}`);
      return EXIT_USAGE;
    }
    io.out(amountInCapitals(parsed.amountMinor, { prefix }));
    if (process.env.HANKOU_VERBOSE) io.err(formatAmountGrouped(parsed.amountMinor, 'CNY', { symbol: true }));
    return EXIT_OK;
  },
};
