import type { Migration } from '../../store/migration';
import { migration as m0010 } from './0010-create-sync-outbox';
import { migration as m0011 } from './0011-create-sync-state';
import { migration as m0012 } from './0012-create-house-feed';
import { migration as m0013 } from './0013-create-house-payment-cycles';
import { migration as m0014 } from './0014-allow-payment-actions';
import { migration as m0015 } from './0015-allow-reprioritise';
import { migration as m0016 } from './0016-allow-liquidity-mutations';
import { migration as m0017 } from './0017-timed-payments-and-queue';
import { migration as m0018 } from './0018-create-house-payment-steps';
import { migration as m0019 } from './0019-allow-message-mutations';

/**
 * The sync link's migrations (range 0010-0019). The sync extension applies them itself with
 * the store's migrate(), so they work whether or not the store's registry lists them.
 */
export const SYNC_MIGRATIONS: readonly Migration[] = [m0010, m0011, m0012, m0013, m0014, m0015, m0016, m0017, m0018, m0019];
