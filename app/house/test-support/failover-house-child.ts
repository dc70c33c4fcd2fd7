// A house in failover mode in its own process, for the failover fault tests:
// `node --import tsx failover-house-child.ts '<json options>'`. Prints "standby waiting" once it
// is ready and waits for the lease, "listening on <url>" once it holds the lease and serves;
// exits 3 when it has lost the lease (fenced).
import { startHouse, type HouseOptions } from '../house';

const options = JSON.parse(process.argv[2] ?? '{}') as HouseOptions;
const house = await startHouse({
  ...options,
  logLevel: 'warn',
  failover: {
    ...options.failover,
    onWaiting: () => process.stdout.write('standby waiting\n'),
    onFenced: (reason) => {
      process.stderr.write(`fenced: ${reason}\n`);
      process.exit(3);
    },
  },
});
process.stdout.write(`listening on ${house.url}\n`);
process.on('SIGTERM', () => {
  void house.close().then(() => process.exit(0));
});
