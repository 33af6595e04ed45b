export * from './problem/problem.contract.js';
export * from './health/health.contract.js';
export * from './diagnostics/diagnostics.contract.js';
