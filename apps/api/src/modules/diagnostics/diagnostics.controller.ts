import { type TCreateJobProbeRequest, ZCreateJobProbeRequest } from '@latchkey/contracts';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ZodPipe } from '../../platform/http/zod-body.pipe.js';
import { DiagnosticsService } from './diagnostics.service.js';

/** Smoke tests for a deployment; mounted only when LATCHKEY_DIAGNOSTICS is true. */
@Controller('api/v1/diagnostics')
export class DiagnosticsController {
  constructor(private readonly diagnostics: DiagnosticsService) {}

  @Post('job-probes')
  @HttpCode(202)
  create(@Body(new ZodPipe(ZCreateJobProbeRequest)) body: TCreateJobProbeRequest) {
    return this.diagnostics.createProbe(body);
  }

  @Get('job-probes/:probeId')
  get(@Param('probeId') probeId: string) {
    return this.diagnostics.getProbe(probeId);
  }
}
