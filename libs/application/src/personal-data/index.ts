export * from './contact-vault';
export * from './data-key-store';
export * from './open-data-key-store';
export * from './postgres-data-key-store';
export * from './sqlite-data-key-store';
