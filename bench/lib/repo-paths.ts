import { fileURLToPath } from 'node:url';

/** Compiled files live in bench/dist/lib/, so the repository root is three levels up. */
const root = fileURLToPath(new URL('../../../', import.meta.url));

export const repoPaths = {
  root,
  gatewayCli: `${root}gateway/dist/cli.js`,
  mockCli: `${root}test/dist/mock-upstream/cli.js`,
  referenceProxy: `${root}bench/dist/reference-proxy.js`,
  loadGenerator: `${root}bench/dist/load-generator.js`,
  results: `${root}bench/results/`,
} as const;
