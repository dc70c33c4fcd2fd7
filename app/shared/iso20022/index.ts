export * from './errors';
export * from './limits';
export * from './message-types';
export * from './types';
export { readIso20022, tryReadIso20022, type Iso20022ReadResult } from './read';
export { writePacs008, writePacs002, type WriteHeader } from './write-pacs';
export { writeCamt053, type StatementHeader } from './write-camt053';
