import { AppError } from '../../../platform/errors/app-error.js';

/** Unknown, ended, malformed and other users' (or tenants') sessions all read the same. */
export const sessionNotFound = () => AppError.notFound('No live session with this id for this user.');
