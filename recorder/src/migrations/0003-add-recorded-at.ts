import type { Migration } from './migration.js';

/**
 * When each row landed, next to when its request started: the gap is the recorder's lag
 * (batching, or an outage replayed from the spill), which is worth a dashboard panel. Added as a
 * separate step to follow the rule every later change follows: ALTER ... IF NOT EXISTS.
 * Rows written before this step carry no real value (ClickHouse evaluates the DEFAULT on read).
 */
export const addRecordedAt: Migration = {
  version: 3,
  name: 'add recorded_at',
  statements: () => [
    `ALTER TABLE requests ADD COLUMN IF NOT EXISTS recorded_at DateTime64(3, 'UTC') DEFAULT now64(3)`,
    `ALTER TABLE attempts ADD COLUMN IF NOT EXISTS recorded_at DateTime64(3, 'UTC') DEFAULT now64(3)`,
  ],
};
