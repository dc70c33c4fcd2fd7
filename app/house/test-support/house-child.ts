// A house in its own process, for kill tests: `node --import tsx house-child.ts '<json options>'`.
// Prints "listening on <url>" on stdout once it serves.
import { startHouse, type HouseOptions } from '../house';

const options = JSON.parse(process.argv[2] ?? '{}') as HouseOptions;
const house = await startHouse({ ...options, logLevel: 'warn' });
process.stdout.write(`listening on ${house.url}\n`);
process.on('SIGTERM', () => {
  void house.close().then(() => process.exit(0));
});
