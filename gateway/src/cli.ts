#!/usr/bin/env node
import { Command, InvalidArgumentError } from 'commander';
import { ConfigError } from './config/config-error.js';
import { loadConfigFile, loadConfigFromEnv } from './config/load-config.js';
import { startGateway } from './start-gateway.js';

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new InvalidArgumentError('must be a port number (0-65535)');
  return port;
}

const program = new Command('llm-gateway').description('An LLM gateway with OpenAI- and Anthropic-compatible endpoints');

program
  .command('serve')
  .description('run the gateway')
  .option('-c, --config <file>', 'YAML config file (default: providers from OPENAI_*, ANTHROPIC_*, VLLM_* env vars, or the built-in mock)')
  .option('-p, --port <port>', 'port to listen on (default: $PORT, then server.port, then 8080)', parsePort)
  .option('--host <host>', 'address to listen on (default: $HOST, then server.host, then 0.0.0.0)')
  .option('--log-level <level>', 'fatal, error, warn, info, debug or trace', process.env.LOG_LEVEL ?? 'info')
  .action(async (options: { config?: string; port?: number; host?: string; logLevel: string }) => {
    const configPath = options.config ?? process.env.LLM_GATEWAY_CONFIG;
    let config;
    try {
      config = configPath === undefined ? loadConfigFromEnv(process.env) : await loadConfigFile(configPath, process.env);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      process.stderr.write(`llm-gateway: ${error.message}\n`);
      process.exit(2);
    }
    const envPort = process.env.PORT === undefined || process.env.PORT === '' ? undefined : parsePort(process.env.PORT);
    const gateway = await startGateway({
      config,
      port: options.port ?? envPort ?? config.raw.server.port,
      host: options.host ?? process.env.HOST ?? config.raw.server.host,
      logLevel: options.logLevel,
    });
    const stop = (signal: string): void => {
      gateway.logger.info({ signal }, 'shutdown requested');
      gateway.shutdown().then(
        () => process.exit(0),
        (error: unknown) => {
          gateway.logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`llm-gateway: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
