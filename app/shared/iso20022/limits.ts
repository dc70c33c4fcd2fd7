/**
 * Limits on XML input. A day's camt.053 for a busy settlement account runs to a few MB; 64 MiB
 * leaves room for a month in one file while keeping a hostile file from exhausting memory.
 */
export const MAX_XML_CHARS = 64 * 1024 * 1024;

/**
 * ISO 20022 messages nest about 15 deep (Document/BkToCstmrStmt/Stmt/Ntry/NtryDtls/TxDtls/
 * RltdPties/Dbtr/Pty/PstlAdr/AdrLine), plus an envelope. 64 is generous and keeps the
 * recursive tree walk far from the stack limit.
 */
export const MAX_XML_DEPTH = 64;

/** More transactions or entries than this in one message is refused rather than half-read. */
export const MAX_ITEMS_PER_MESSAGE = 2_000_000;
