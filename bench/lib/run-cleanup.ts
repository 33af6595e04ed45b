/**
 * Cleanup owed when the whole run ends rather than one scenario: for what several scenarios share
 * (the template database of a million users is seeded once and copied for each of them).
 */
const cleanups: Array<() => Promise<void>> = [];

export function atRunEnd(cleanup: () => Promise<void>): void {
  cleanups.push(cleanup);
}

/** Runs every registered cleanup, last in first out, each even if an earlier one failed. */
export async function runEndCleanups(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup().catch((error: unknown) => {
      console.error(`  run cleanup failed: ${String(error)}`);
    });
  }
}
