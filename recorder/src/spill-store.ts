import { mkdir, open, readdir, stat, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { byteLength } from './batch-encoding.js';
import { LineReader } from './line-reader.js';

export type AppendResult = 'spilled' | 'over-budget' | 'failed';

interface SpillFile {
  path: string;
  bytes: number;
}

/** writev until every byte is out (a write may be partial, e.g. near a full disk). */
async function writeAll(file: FileHandle, chunks: readonly Buffer[]): Promise<void> {
  let pending = [...chunks];
  while (pending.length > 0) {
    let { bytesWritten } = await file.writev(pending);
    if (bytesWritten === 0) throw new Error('spill write made no progress');
    while (pending.length > 0 && bytesWritten > 0) {
      const [first, ...rest] = pending;
      if (first === undefined) break;
      if (bytesWritten >= first.length) {
        bytesWritten -= first.length;
        pending = rest;
      } else {
        pending = [first.subarray(bytesWritten), ...rest];
        bytesWritten = 0;
      }
    }
  }
}

const SPILL_FILE = /^spill-\d+-\d+-\d+\.jsonl$/;

/**
 * The local append-only spill: batches ClickHouse could not take, one JSON line per batch, in
 * files `spill-<epochMs>-<pid>-<seq>.jsonl` under one folder. Appends go to the active file;
 * replay reads sealed files oldest first and deletes each once every line in it was handed out
 * and the caller asked for the next one (that is the acknowledgement). Files found at start-up
 * (a previous run's) are sealed and replayed first. Space comes back a whole file at a time,
 * which is why the active file is sealed at `fileMaxBytes`.
 *
 * Durability: lines are written with plain appends, no fsync per line: a process crash loses
 * nothing already appended (the kernel has it), a power cut may lose the last seconds. Sealing
 * and closing fsync. A line cut by a crash fails to decode on replay and is counted, not retried.
 *
 * One process per spill folder: a second process would replay (and delete) files the first one
 * is still appending to.
 */
export class SpillStore {
  readonly #dir: string;
  readonly #maxBytes: number;
  readonly #fileMaxBytes: number;
  #sealed: SpillFile[] = [];
  #active: (SpillFile & { handle: FileHandle }) | undefined;
  #replay: (SpillFile & { reader: LineReader }) | undefined;
  #totalBytes = 0;
  #seq = 0;
  /** Appends, seals and close run one at a time, in order. */
  #chain: Promise<unknown> = Promise.resolve();

  constructor(dir: string, maxBytes: number, fileMaxBytes: number) {
    this.#dir = dir;
    this.#maxBytes = maxBytes;
    this.#fileMaxBytes = fileMaxBytes;
  }

  /** Creates the folder and takes over spill files left by earlier runs. */
  async open(): Promise<void> {
    await mkdir(this.#dir, { recursive: true });
    const names = (await readdir(this.#dir)).filter((name) => SPILL_FILE.test(name)).sort();
    for (const name of names) {
      const path = join(this.#dir, name);
      const { size } = await stat(path);
      if (size === 0) {
        await unlink(path);
        continue;
      }
      this.#sealed.push({ path, bytes: size });
      this.#totalBytes += size;
    }
  }

  /** Bytes on disk across all spill files, including a file being replayed. */
  get bytes(): number {
    return this.#totalBytes;
  }

  get hasData(): boolean {
    return this.#sealed.length > 0 || this.#replay !== undefined || (this.#active?.bytes ?? 0) > 0;
  }

  /** Appends one encoded line (its chunks, ending in a newline), unless that would pass the byte budget. */
  append(line: readonly Buffer[]): Promise<AppendResult> {
    return this.#serial(async () => {
      const bytes = byteLength(line);
      if (this.#totalBytes + bytes > this.#maxBytes) return 'over-budget';
      try {
        this.#active ??= await this.#createActive();
        await writeAll(this.#active.handle, line);
      } catch {
        // A failed write may have left half a line: seal the file (with its true size) so no
        // later line is glued onto the broken one.
        await this.#sealActive().catch(() => undefined);
        return 'failed';
      }
      this.#active.bytes += bytes;
      this.#totalBytes += bytes;
      if (this.#active.bytes >= this.#fileMaxBytes) await this.#sealActive();
      return 'spilled';
    });
  }

  /**
   * The next spilled line to replay, oldest first; undefined when the spill is empty. Asking for
   * the next line acknowledges the previous one: a fully handed-out file is deleted here.
   */
  async nextLine(): Promise<Buffer | undefined> {
    for (;;) {
      if (this.#replay === undefined) {
        if (this.#sealed.length === 0) {
          if ((this.#active?.bytes ?? 0) === 0) return undefined;
          await this.#serial(() => this.#sealActive());
          continue;
        }
        const file = this.#sealed.shift();
        if (file === undefined) continue;
        try {
          this.#replay = { ...file, reader: await LineReader.open(file.path) };
        } catch {
          this.#totalBytes -= file.bytes;
          continue;
        }
      }
      const line = await this.#replay.reader.next();
      if (line !== undefined) {
        if (line.length > 0) return line;
        continue;
      }
      const done = this.#replay;
      this.#replay = undefined;
      await done.reader.close();
      await unlink(done.path).catch(() => undefined);
      this.#totalBytes -= done.bytes;
    }
  }

  /**
   * Keeps a batch ClickHouse refuses while reachable (bad data, schema drift) out of the
   * replay, in `rejected-<day>.jsonl` for a human to look at. Not counted in the spill budget.
   */
  setAside(line: readonly Buffer[]): Promise<void> {
    const day = new Date().toISOString().slice(0, 10);
    return this.#serial(async () => {
      const file = await open(join(this.#dir, `rejected-${day}.jsonl`), 'a');
      try {
        await writeAll(file, line);
      } finally {
        await file.close();
      }
    });
  }

  /** Waits for pending appends, fsyncs and closes. Unreplayed files stay for the next start. */
  async close(): Promise<void> {
    await this.#serial(() => this.#sealActive());
    if (this.#replay !== undefined) {
      await this.#replay.reader.close().catch(() => undefined);
      this.#replay = undefined;
    }
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.#chain.then(task, task);
    this.#chain = next.catch(() => undefined);
    return next;
  }

  async #createActive(): Promise<SpillFile & { handle: FileHandle }> {
    const name = `spill-${String(Date.now()).padStart(15, '0')}-${process.pid}-${String(this.#seq++).padStart(6, '0')}.jsonl`;
    const path = join(this.#dir, name);
    return { path, bytes: 0, handle: await open(path, 'a') };
  }

  async #sealActive(): Promise<void> {
    const active = this.#active;
    if (active === undefined) return;
    this.#active = undefined;
    try {
      await active.handle.sync();
    } finally {
      await active.handle.close();
    }
    const { size } = await stat(active.path);
    this.#totalBytes += size - active.bytes;
    if (size === 0) await unlink(active.path);
    else this.#sealed.push({ path: active.path, bytes: size });
  }
}
