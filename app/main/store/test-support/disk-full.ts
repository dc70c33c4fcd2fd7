import type { Db } from '../open-database';

/** SQLite's own ceiling (pages); raising max_page_count back to it is "freeing the disk". */
export const UNLIMITED_PAGES = 1_073_741_823;

/** A full disk, as SQLite sees it: no page beyond those in use now (plus `headroomPages`). */
export function fillDisk(db: Db, headroomPages = 0): void {
  db.pragma(`max_page_count = ${Number(db.pragma('page_count', { simple: true })) + headroomPages}`);
}

export function freeDisk(db: Db): void {
  db.pragma(`max_page_count = ${UNLIMITED_PAGES}`);
}
