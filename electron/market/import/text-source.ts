// A candle file as a stream of text chunks: gunzipped when it starts with the gzip magic bytes
// (whatever its name), decoded as UTF-8 with any byte-order mark dropped; a byte that is no UTF-8 stops
// it at its line (not-utf8.ts). Streaming keeps a file of millions of rows from ever being one giant string.
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { notTextReason } from './binary-sniff.ts';
import { CandleFileError } from './candle-file-error.ts';
import { firstNonUtf8, lineEnds, notUtf8Reason, openTail } from './not-utf8.ts';

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
    chunks: decode(file, bytes, release, gzip),
    async close() {
      release();
      if (!raw.closed) await once(raw, 'close').catch(() => {});
    },
  };
}

async function* decode(file: string, bytes: Readable, release: () => void, gzip: boolean): AsyncGenerator<string> {
  // TextDecoder drops a leading BOM and keeps multi-byte characters split across chunks whole; fatal: a
  // byte that is no UTF-8 (Latin-1 text) stops the reading, where it became U+FFFD and read on.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let first = true;
  /** Bytes (gunzipped) before the current chunk, and the last bytes of the one before that began a character. */
  let offset = 0;
  let tail: Uint8Array = EMPTY;
  let text: string;
  try {
    for await (const chunk of bytes) {
      const buf = chunk as Buffer;
      if (first) {
        // The first bytes (gunzipped) tell a file that is no text at all before any line is parsed.
        first = false;
        const why = notTextReason(buf);
        if (why !== null) throw new CandleFileError(file, null, why);
      }
      try {
        text = decoder.decode(buf, { stream: true });
      } catch {
        const at = Buffer.concat([tail, buf]);
        throw await notUtf8Error(file, gzip, at, offset - tail.length);
      }
      offset += buf.length;
      const open = openTail(buf);
      // A copy: the stream may hand the chunk's memory on.
      tail = open === 0 ? EMPTY : Uint8Array.from(buf.subarray(buf.length - open));
      if (text.length > 0) yield text;
    }
    try {
      text = decoder.decode();
    } catch {
      // The file ends inside a character.
      throw await notUtf8Error(file, gzip, tail, offset - tail.length);
    }
  } catch (err) {
    if (err instanceof CandleFileError) throw err;
    throw new CandleFileError(file, null, fileProblem(err));
  } finally {
    // Also when the reader stops early at a bad line: close the file now, not at garbage collection.
    release();
  }
  if (text.length > 0) yield text;
}

const EMPTY = new Uint8Array(0);

/**
 * The error for the bytes `at` (starting `from` bytes into the text) that hold no UTF-8, at the line of the
 * first bad byte. The line is counted by reading the file again up to it: counting every line end of every
 * file as it streams by would slow the reading of all the files that are fine.
 */
async function notUtf8Error(file: string, gzip: boolean, at: Uint8Array, from: number): Promise<CandleFileError> {
  const found = firstNonUtf8(at);
  const i = found < 0 ? Math.max(0, at.length - 1) : found;
  const line = await lineAt(file, gzip, from + i).catch(() => null);
  return new CandleFileError(file, line, notUtf8Reason(at[i] ?? 0));
}

/** The 1-based line holding byte `offset` of the (gunzipped) file. */
async function lineAt(file: string, gzip: boolean, offset: number): Promise<number> {
  const raw = createReadStream(file, { highWaterMark: CHUNK_BYTES });
  const bytes: Readable = gzip ? raw.pipe(createGunzip()) : raw;
  let seen = 0;
  let line = 1;
  let cr = false;
  try {
    for await (const chunk of bytes) {
      const buf = chunk as Buffer;
      const end = Math.min(buf.length, offset - seen);
      const counted = lineEnds(buf, end, cr);
      line += counted.ends;
      cr = counted.cr;
      seen += buf.length;
      if (seen >= offset) break;
    }
  } finally {
    bytes.destroy();
    raw.destroy();
  }
  return line;
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
