export * from './append-rules';
export * from './append-signal';
export * from './catch-up-subscription';
export * from './errors';
export * from './event';
export * from './event-store';
export * from './group-commit';
export * from './position';
