import { open, type FileHandle } from 'node:fs/promises';

const CHUNK = 1 << 20;

/**
 * Reads a file one line at a time, holding at most one line plus one chunk in memory.
 * (`readline` reads ahead without a byte bound: with multi-megabyte spill lines it could pull
 * a whole spill file into memory.) Lines stay bytes: spill lines go back to ClickHouse as bytes.
 * Splitting on the byte 0x0A is safe for UTF-8, whose multi-byte sequences never contain it.
 */
export class LineReader {
  readonly #file: FileHandle;
  #position = 0;
  #buffer = Buffer.alloc(0);
  #eof = false;

  private constructor(file: FileHandle) {
    this.#file = file;
  }

  static async open(path: string): Promise<LineReader> {
    return new LineReader(await open(path, 'r'));
  }

  /** The next line's bytes without its newline; a last line with no newline (a cut write) is returned as is. */
  async next(): Promise<Buffer | undefined> {
    // Pieces of a line that spans chunks are joined once, when its end is found.
    const parts: Buffer[] = [];
    for (;;) {
      const newline = this.#buffer.indexOf(10);
      if (newline >= 0) {
        parts.push(this.#buffer.subarray(0, newline));
        this.#buffer = this.#buffer.subarray(newline + 1);
        return parts.length === 1 && parts[0] !== undefined ? parts[0] : Buffer.concat(parts);
      }
      if (this.#buffer.length > 0) parts.push(this.#buffer);
      this.#buffer = Buffer.alloc(0);
      if (this.#eof) return parts.length === 0 ? undefined : Buffer.concat(parts);
      const chunk = Buffer.allocUnsafe(CHUNK);
      const { bytesRead } = await this.#file.read(chunk, 0, CHUNK, this.#position);
      this.#position += bytesRead;
      if (bytesRead === 0) this.#eof = true;
      else this.#buffer = chunk.subarray(0, bytesRead);
    }
  }

  async close(): Promise<void> {
    await this.#file.close();
  }
}
