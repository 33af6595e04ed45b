export * from './diagnostics/diagnostics.contract.js';
export * from './health/health.contract.js';
export * from './interaction/email-verification-link.contract.js';
export * from './interaction/interaction.contract.js';
export * from './interaction/password-reset.contract.js';
export * from './management/index.js';
export * from './problem/problem.contract.js';
