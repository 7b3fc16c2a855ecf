import { PlatformError } from './errors.js';

/** For tests: the PlatformError a promise rejects with; anything else (or no rejection) fails the test. */
export async function platformFailure(promise: Promise<unknown>): Promise<PlatformError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof PlatformError) return err;
    throw err;
  }
  throw new Error('expected a PlatformError');
}
