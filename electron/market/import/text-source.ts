// A candle file as a stream of text chunks: gunzipped when it starts with the gzip magic bytes
// (whatever its name), decoded as UTF-8 with any byte-order mark dropped. Streaming keeps a file
// of millions of rows from ever being one giant string.
import { once } from 'node:events';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { notTextReason } from './binary-sniff.ts';
import { CandleFileError } from './candle-file-error.ts';

export interface TextSource {
  gzip: boolean;
  /** The file's size in bytes (compressed, for a gzipped file). */
  size: number;
  /** How many of those bytes have been read so far: with size, how far through the file reading is. */
  bytesRead(): number;
  chunks: AsyncIterable<string>;
  /** Closes the file, also when reading stopped half-way; call it in a finally. */
  close(): Promise<void>;
}

const GZIP_MAGIC = [0x1f, 0x8b];
const CHUNK_BYTES = 1 << 20;

export async function openTextSource(file: string): Promise<TextSource> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    throw new CandleFileError(file, null, fileProblem(err));
  }
  const head = Buffer.alloc(2);
  let gzip = false;
  let size = 0;
  try {
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    gzip = bytesRead === 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
    size = (await handle.stat()).size;
  } catch (err) {
    await handle.close();
    throw new CandleFileError(file, null, fileProblem(err));
  }
  const raw = handle.createReadStream({ start: 0, highWaterMark: CHUNK_BYTES, autoClose: true });
  const bytes: Readable = gzip ? raw.pipe(createGunzip()) : raw;
  if (gzip) raw.on('error', (err) => bytes.destroy(err));
  const release = () => [bytes, raw].forEach((s) => s.destroy());
  return {
    gzip,
    size,
    bytesRead: () => raw.bytesRead,
    chunks: decode(file, bytes, release),
    async close() {
      release();
      if (!raw.closed) await once(raw, 'close').catch(() => {});
    },
  };
}

async function* decode(file: string, bytes: Readable, release: () => void): AsyncGenerator<string> {
  // TextDecoder drops a leading BOM and keeps multi-byte characters split across chunks whole.
  const decoder = new TextDecoder('utf-8');
  let first = true;
  try {
    for await (const chunk of bytes) {
      if (first) {
        // The first bytes (gunzipped) tell a file that is no text at all before any line is parsed.
        first = false;
        const why = notTextReason(chunk as Buffer);
        if (why !== null) throw new CandleFileError(file, null, why);
      }
      const text = decoder.decode(chunk as Buffer, { stream: true });
      if (text.length > 0) yield text;
    }
  } catch (err) {
    if (err instanceof CandleFileError) throw err;
    throw new CandleFileError(file, null, fileProblem(err));
  } finally {
    // Also when the reader stops early at a bad line: close the file now, not at garbage collection.
    release();
  }
  const tail = decoder.decode();
  if (tail.length > 0) yield tail;
}

function fileProblem(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'Z_DATA_ERROR':
    case 'Z_BUF_ERROR':
      return `is not a valid gzip file (${e.message})`;
    default:
      return `cannot be read: ${e.message}`;
  }
}
