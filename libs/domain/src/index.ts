export * from './shared/basis-points';
export * from './shared/authorization';
export * from './shared/business-date';
export * from './shared/decider';
export * from './shared/domain-error';
export * from './shared/money';
export * from './loan';
