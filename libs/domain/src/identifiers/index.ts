export * from './identifier.errors';
export * from './patent-number';
export * from './unified-social-credit-code';
