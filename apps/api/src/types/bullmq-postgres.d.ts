// BullMQ ships its PostgreSQL backend without a package export; its CommonJS build is the one
// Node can load (the ESM build uses extensionless imports), typed by the ESM declarations.
declare module 'bullmq/dist/cjs/postgres/index.js' {
  export { createPostgresBackend } from 'bullmq/dist/esm/postgres/index.d.ts';
}
