import {
  mergeTenantSettings,
  type TTenantSettings,
  type TTenantSettingsPatch,
  ZTenantSettings,
} from '@latchkey/contracts';
import { AppError } from '../../platform/errors/app-error.js';
import { formatPath } from '../../platform/http/zod-body.pipe.js';

/** Stored settings as the application sees them: validated, with every default filled in. */
export function readTenantSettings(stored: unknown): TTenantSettings {
  const parsed = ZTenantSettings.safeParse(stored ?? {});
  // Stored settings were validated on the way in; a failure here means a bad manual edit: fall back
  // to defaults for what is broken rather than refusing to serve the tenant.
  return parsed.success ? parsed.data : ZTenantSettings.parse({});
}

/** Applies a patch; the combined result must be valid, else a 400 naming `settings.<path>`. */
export function applyTenantSettings(current: TTenantSettings, patch: TTenantSettingsPatch): TTenantSettings {
  const parsed = ZTenantSettings.safeParse(mergeTenantSettings(current, patch));
  if (parsed.success) return parsed.data;
  throw AppError.validation(
    parsed.error.issues.map((issue) => ({
      path: formatPath(['settings', ...issue.path]),
      message: issue.message,
      code: issue.code,
    })),
  );
}
