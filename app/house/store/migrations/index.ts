import type { Migration } from './migration';
import { migration as m0001 } from './0001-initial-schema';
import { migration as m0002 } from './0002-payment-cycle';
import { migration as m0003 } from './0003-audit-log';
import { migration as m0004 } from './0004-journal-device';
import { migration as m0005 } from './0005-working-calendar';
import { migration as m0006 } from './0006-iso-transactions';
import { migration as m0007 } from './0007-payments-narrow';
import { migration as m0008 } from './0008-centre';
import { migration as m0009 } from './0009-message-threads';
import { migration as m0010 } from './0010-partition-by-day';

/** Every migration, in order. Add new ones at the end; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0009, m0010];
