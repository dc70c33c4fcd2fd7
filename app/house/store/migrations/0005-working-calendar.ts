import type { Migration } from './migration';

/**
 * The clearing centre's working-day calendar, one row per year as the operator loaded it
 * (app/shared/domain/calendar-file.ts; docs/calendar.md). `calendar` is the validated file as
 * JSON text. Replacing a year is an admin command: audited, and published to consoles in the
 * change feed (type 'calendar').
 */
export const migration: Migration = {
  version: 5,
  name: 'working-calendar',
  sql: `
CREATE TABLE working_calendar (
  year integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
  calendar text NOT NULL,
  updated_at text NOT NULL
)
`,
};
