export * from './currency';
export * from './limits';
export * from './money';
export * from './parse';
export * from './format';
export * from './capitals';
export * from './bill-date';
export * from './iso4217';
