export * from './ip-asset.commands';
export * from './ip-asset.decider';
export * from './ip-asset.errors';
export * from './ip-asset.events';
export * from './ip-asset.state';
export * from './pledge-refusal-reasons';
