// Prisma CLI configuration (Prisma 6.19.3). Run the CLI only through scripts/prisma.mjs
// (pnpm db:generate / db:migrate:dev / db:migrate:deploy / db:migrate:status): a bare `npx prisma`
// tries to download native engines and fails offline.
import { defineConfig } from 'prisma/config';
import { migrationAdapter } from './prisma/migrate-adapter.js';

// A config file stops Prisma's own .env loading, and schema.prisma needs `url = env("DATABASE_URL")`.
process.env.DATABASE_URL ||= 'postgresql://postgres@127.0.0.1:5432/latchkey';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  adapter: async () => migrationAdapter(process.env.DATABASE_URL),
});
