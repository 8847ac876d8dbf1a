export * from './enterprise.commands';
export * from './enterprise.decider';
export * from './enterprise.errors';
export * from './enterprise.events';
export * from './enterprise.state';
export * from './enterprise.contact';
export * from './enterprise.upcasters';
