export * from './enums';
export * from './permissions';
export * from './workflow';
export * from './errors';
export * from './ticket-number';
export * from './limits';
export * from './api';
export * from './api-tokens';
