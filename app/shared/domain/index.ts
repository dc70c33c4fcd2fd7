export * from './amount-schema';
export * from './bank-code';
export * from './participant';
export * from './payment';
export * from './payment-actions';
export * from './reason-codes';
export * from './operator';
export * from './calendar';
