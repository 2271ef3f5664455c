import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createRecorder } from '../../recorder/src/index.js';
import { tempRecorderDirs } from './record-fixtures.js';

const HOLDER = join(fileURLToPath(new URL('.', import.meta.url)), 'hold-data-dir.ts');

describe('one chdb data folder per process', () => {
  const dirs = tempRecorderDirs('lock');
  afterAll(() => dirs.remove());

  it('refuses a folder another process holds, naming that process', { timeout: 60_000 }, async () => {
    const holder = spawn(process.execPath, ['--import', 'tsx', HOLDER, dirs.dataDir, join(dirs.spillDir, 'holder')], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('ready')) resolve();
        });
        holder.on('exit', (code) => reject(new Error(`holder exited with ${code}`)));
      });
      const second = createRecorder({ target: { kind: 'embedded', dataDir: dirs.dataDir }, spillDir: join(dirs.spillDir, 'second') });
      await expect(second.ready()).rejects.toThrow(
        new RegExp(`data folder .* \\(held by process ${holder.pid}\\).*One chdb data folder belongs to one process at a time`),
      );
      // Still usable as a sink: records wait in the spill until the folder is free.
      await second.close();
    } finally {
      holder.stdin.end();
      await new Promise((resolve) => holder.on('exit', resolve));
    }
  });

  it('refuses a second embedded folder in the same process', { timeout: 60_000 }, async () => {
    const first = createRecorder({ target: { kind: 'embedded', dataDir: join(dirs.dataDir, 'a') }, spillDir: join(dirs.spillDir, 'a') });
    await first.ready();
    const second = createRecorder({ target: { kind: 'embedded', dataDir: join(dirs.dataDir, 'b') }, spillDir: join(dirs.spillDir, 'b') });
    await expect(second.ready()).rejects.toThrow(/this process already has the embedded engine open on .*[/\\]a\b/);
    await second.close();
    await first.close();
  });
});
