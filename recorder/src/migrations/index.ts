import { createRequests } from './0001-create-requests.js';
import { createAttempts } from './0002-create-attempts.js';
import { addRecordedAt } from './0003-add-recorded-at.js';
import type { Migration } from './migration.js';

export type { Migration, MigrationContext } from './migration.js';
export { runMigrations, type MigrationReport } from './run-migrations.js';

/** Every migration, in version order. Append only. */
export const MIGRATIONS: readonly Migration[] = [createRequests, createAttempts, addRecordedAt];
