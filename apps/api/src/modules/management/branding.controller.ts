import { brandingRoutes as routes, type TBranding } from '@latchkey/contracts';
import { Controller } from '@nestjs/common';
import { ContractBody, ManagementRoute } from '../../platform/http/route.decorator.js';
import { BrandingService } from '../branding/branding.service.js';

/** The hosted login's look. It is stored in the tenant settings (`settings.branding`); this previews one. */
@Controller()
export class BrandingController {
  constructor(private readonly branding: BrandingService) {}

  @ManagementRoute(routes.previewBranding)
  preview(@ContractBody(routes.previewBranding) body: TBranding) {
    return this.branding.preview(body);
  }
}
