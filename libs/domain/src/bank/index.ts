export * from './bank.commands';
export * from './bank.decider';
export * from './bank.errors';
export * from './bank.events';
export * from './bank.state';
