export * from './claim.commands';
export * from './claim.decider';
export * from './claim.errors';
export * from './claim.events';
export * from './claim.state';
export * from './payout';
export * from './recovery-share';
