export { createLatchkeyClient, type LatchkeyClient } from './client.js';
export { LatchkeyApiError, type LatchkeyClientOptions } from './http.js';
export type { RouteInput, RouteOutput } from './management.js';
