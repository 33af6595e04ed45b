import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/platform/errors/app-error.js';
import { ProblemFilter } from '../../src/platform/errors/problem.filter.js';
import { accessLog } from '../../src/platform/logging/access-log.js';

@Controller('boom')
class BoomController {
  @Get('bug')
  bug(): never {
    throw new Error('secret internal detail: password=hunter2');
  }

  @Get('conflict')
  conflict(): never {
    throw new AppError('conflict', 409, 'Conflict', { detail: 'Already exists.' });
  }
}

@Module({ controllers: [BoomController] })
class BoomModule {}

describe('ProblemFilter on a real HTTP server', () => {
  const lines: Array<Record<string, unknown>> = [];
  let app: NestExpressApplication;
  let baseUrl: string;

  beforeAll(async () => {
    const logger = pino(
      { level: 'info' },
      { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
    );
    app = await NestFactory.create<NestExpressApplication>(BoomModule, { logger: false });
    app.use(accessLog(logger));
    app.useGlobalFilters(new ProblemFilter(logger));
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
  });

  afterAll(() => app.close());

  it('answers our own failure with a 500 problem carrying only the request id', async () => {
    const res = await fetch(`${baseUrl}/boom/bug`);
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = await res.text();
    expect(body).not.toMatch(/hunter2|secret internal|at .*\.ts/);
    const problem = JSON.parse(body) as Record<string, unknown>;
    expect(problem).toMatchObject({ type: 'https://latchkey.dev/problems/internal', status: 500 });
    expect(problem.requestId).toBe(res.headers.get('x-request-id'));

    // The stack is in the log, at error level, tied to the request id.
    const logged = lines.find((l) => l.msg === 'unhandled error');
    expect(logged).toMatchObject({ level: 50, requestId: problem.requestId });
    expect(JSON.stringify(logged)).toContain('stack');
  });

  it('answers an AppError with its own status and type, logging no error', async () => {
    const before = lines.filter((l) => (l.level as number) >= 50).length;
    const res = await fetch(`${baseUrl}/boom/conflict`);
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({
      type: 'https://latchkey.dev/problems/conflict',
      detail: 'Already exists.',
    });
    expect(lines.filter((l) => (l.level as number) >= 50).length).toBe(before);
  });
});
