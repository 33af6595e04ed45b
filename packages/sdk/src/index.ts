export { createLatchkeyClient, type LatchkeyClient } from './client.js';
export { LatchkeyApiError, type LatchkeyClientOptions } from './http.js';
