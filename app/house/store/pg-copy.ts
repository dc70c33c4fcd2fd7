import type pg from 'pg';

/** The part of pg's protocol connection a COPY needs (pg has no typed COPY API of its own). */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

/**
 * `COPY ... FROM STDIN` on one pg connection. pg runs any object with `submit()` as a query and
 * hands it the protocol messages, so this is the whole COPY sub-protocol: send the statement,
 * answer CopyInResponse with the data and CopyDone, resolve on ReadyForQuery. A server error
 * (a constraint, a bad value) or a lost connection rejects, and the caller's transaction rolls
 * back as for any failed statement.
 */
export function copyFromStdin(client: pg.ClientBase, sql: string, data: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let failed: unknown;
    const submittable = {
      submit(connection: CopyConnection) {
        connection.query(sql);
      },
      handleCopyInResponse(connection: CopyConnection) {
        connection.sendCopyFromChunk(Buffer.from(data, 'utf8'));
        connection.endCopyFrom();
      },
      handleReadyForQuery() {
        if (failed === undefined) resolve();
      },
      handleError(error: unknown) {
        failed = error;
        reject(error instanceof Error ? error : new Error(String(error)));
      },
      handleCommandComplete() {},
      handleRowDescription() {},
      handleDataRow() {},
      handleEmptyQuery() {},
      handlePortalSuspended() {},
      handleCopyData() {},
    };
    client.query(submittable as unknown as pg.Submittable);
  });
}
