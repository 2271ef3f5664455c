import type { Recorder } from '@llm-gateway/recorder';
import type { ResolvedConfig } from '../config/resolved-config.js';
import type { Logger } from '../deps.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The recorder the config asks for, or none. It connects and migrates in the background:
 * the gateway never waits for ClickHouse (records spill to disk until it answers), but it
 * gives it a few seconds at start-up so the first requests go straight in.
 */
export async function startRecorder(config: ResolvedConfig, env: Env, logger: Logger): Promise<Recorder | undefined> {
  const settings = config.raw.recorder;
  if (!settings.enabled) return undefined;
  // Loaded only when on: the embedded engine is a 550 MB native library.
  const { createRecorder } = await import('@llm-gateway/recorder');
  const server = settings.server;
  const url = typeof server.url === 'string' ? server.url : (env[server.url.env] || server.url.default);
  const password = server.password === undefined ? undefined : env[server.password.env];
  const recorder = createRecorder({
    target:
      settings.target === 'embedded'
        ? { kind: 'embedded', dataDir: settings.dataDir }
        : { kind: 'server', url: url ?? 'http://127.0.0.1:8123', username: server.username, database: server.database, ...(password === undefined ? {} : { password }) },
    bodies: settings.bodies,
    ttlDays: settings.ttlDays,
    spillDir: settings.spillDir,
    writer: { spillMaxBytes: settings.spillMaxBytes },
    onEvent: (event) => {
      if (event.kind === 'up') logger.info({}, 'recorder: ClickHouse reachable, writing (and replaying the spill)');
      else logger.warn({ ...event }, `recorder: ${event.kind}`);
    },
  });
  const ready = await Promise.race([
    recorder.ready().then(
      () => true,
      (error: unknown) => {
        logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'recorder: ClickHouse not ready; records go to the spill until it is');
        return false;
      },
    ),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 10_000)),
  ]);
  logger.info({ target: settings.target, ready }, 'recorder started');
  return recorder;
}
