export * from './aggregate-stream';
export * from './checkpoints/checkpoint-store';
export * from './checkpoints/open-checkpoint-store';
export * from './checkpoints/postgres-checkpoint-store';
export * from './checkpoints/sqlite-checkpoint-store';
export * from './process-managers/process-manager';
export * from './process-managers/process-manager-runner';
