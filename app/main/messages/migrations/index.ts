import type { Migration } from '../../store/migration';
import { migration as m0060 } from './0060-create-message-threads';
import { migration as m0061 } from './0061-message-reads';

/** Messages' migrations (range 0060-0069), applied by its extension. */
export const MESSAGE_MIGRATIONS: readonly Migration[] = [m0060, m0061];
