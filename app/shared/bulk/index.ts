export * from './bulk-file';
export { readPain001 } from './read-pain001';
export { readBulkCsv, looksLikeXml, BULK_CSV_COLUMNS } from './read-bulk-csv';
export * from './validate-bulk';
export { readPain002, writePain002, type Pain002Line, type Pain002Report } from './write-pain002';
export { writePain001, type Pain001Input, type Pain001Payment } from './write-pain001';
