// The console's centre-mode tests run against a real clearing house with the centre's people.
// app/main never imports app/house (lint), so what those tests need of the house is here.
export { startHouse, type RunningHouse } from '../app/house/house';
export { TEST_SEED, TOKENS, call } from '../app/house/test-support/fixtures';
export { PASSWORD, logIn, testClock } from '../app/house/centre/test-support/centre-fixtures';
export { totpCode } from '../app/house/centre/totp';
