export * from './diagnostics/diagnostics.contract.js';
export * from './health/health.contract.js';
export * from './problem/problem.contract.js';
