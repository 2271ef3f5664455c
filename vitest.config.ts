import { defineConfig } from 'vitest/config';

// Two projects: unit tests sit beside the code (no I/O); integration and e2e
// tests under test/ start real processes and talk to real services.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['gateway/src/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'e2e',
          include: ['test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
