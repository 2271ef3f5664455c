export { startGateway, createDeps, type RunningGateway, type StartOptions } from './start-gateway.js';
export { loadConfigFile, loadConfigFromEnv, resolveConfig } from './config/load-config.js';
export { ConfigError } from './config/config-error.js';
export type { ResolvedConfig } from './config/resolved-config.js';
export { ERROR_CODES, type ErrorCode } from './errors/error-codes.js';
