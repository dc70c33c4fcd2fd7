import { startHouse } from './house';
import { TEST_SEED, TOKENS, call, pushBody, paymentPayload } from './test-support/fixtures';
const house = await startHouse({ seed: TEST_SEED, logLevel: 'warn', databaseUrl: process.argv[2] });
console.log(house.url);
let r = await call(`${house.url}/v1/sync/push`, TOKENS.A, 'POST', pushBody('devA', 1, [paymentPayload('p1', 'B', '100.00'), paymentPayload('p2', 'C', '5.00', 'beps'), paymentPayload('p3', 'Z', '5.00')]));
console.log(r.status, JSON.stringify(r.json));
r = await call(`${house.url}/v1/sync/push`, TOKENS.A, 'POST', pushBody('devA', 1, [paymentPayload('p1', 'B', '100.00')]));
console.log(r.status, JSON.stringify(r.json));
r = await call(`${house.url}/v1/sync/push`, TOKENS.A, 'POST', pushBody('devA', 9, [paymentPayload('p9', 'B', '100.00')]));
console.log(r.status, JSON.stringify(r.json));
r = await call(`${house.url}/v1/admin/cycles/close`, house.adminToken, 'POST', {});
console.log(r.status, JSON.stringify(r.json));
for (const t of ['A','B','C'] as const) {
  r = await call(`${house.url}/v1/sync/pull?limit=50`, TOKENS[t], 'GET');
  console.log(t, r.status, JSON.stringify(r.json));
  r = await call(`${house.url}/v1/accounts/me`, TOKENS[t], 'GET');
  console.log(t, r.status, JSON.stringify(r.json));
}
r = await call(`${house.url}/metrics`, undefined, 'GET');
console.log(String(r.json).split('\n').filter(l=>!l.startsWith('#')).slice(0,40).join('\n'));
await house.close();
