import { PlatformError } from '../errors.js';

/** The most one photo may weigh: V&R's Dropzone takes 10 MB; a bigger source is refused before it is read whole. */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

export type PhotoKind = 'jpeg' | 'png' | 'gif' | 'webp';

export interface DownloadedPhoto {
  bytes: Buffer;
  kind: PhotoKind;
  name: string;
}

export function sniffPhoto(bytes: Uint8Array): PhotoKind | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 12));
  if (b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (b.subarray(0, 4).toString('latin1') === 'GIF8') return 'gif';
  if (b.length >= 12 && b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp';
  return null;
}

/**
 * One photo from where the dealer keeps it, read as a stream and cut off past the limit, so a
 * listing's twenty photos never sit in memory at once (the adapter takes them one by one).
 */
export async function downloadPhoto(url: string, position: number, timeoutMs: number, maxBytes = MAX_PHOTO_BYTES): Promise<DownloadedPhoto> {
  const what = `photo ${position} (${url.slice(0, 200)})`;
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  } catch (err) {
    const code = ((err as Error & { cause?: { code?: string } }).cause?.code ?? '') as string;
    // A host that does not exist will not exist on the next try either.
    if (code === 'ENOTFOUND') throw new PlatformError('permanent', `${what} could not be downloaded: no such host`, { code: 'photo_download' });
    throw new PlatformError('transient', `${what} could not be downloaded: ${code || (err as Error).message.slice(0, 120)}`, { code: 'photo_download' });
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    const kind = res.status >= 500 || res.status === 429 ? 'transient' : 'permanent';
    throw new PlatformError(kind, `${what} could not be downloaded (${res.status})`, { code: 'photo_download', status: res.status });
  }
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw new PlatformError('permanent', `${what} is ${declared} bytes; V&R takes at most ${maxBytes}`, { code: 'photo_too_big' });
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new PlatformError('permanent', `${what} is over ${maxBytes} bytes; V&R takes at most ${maxBytes}`, { code: 'photo_too_big' });
    }
    chunks.push(value);
  }
  const bytes = Buffer.concat(chunks);
  const kind = sniffPhoto(bytes);
  if (!kind) throw new PlatformError('permanent', `${what} is not a JPEG, PNG, GIF or WebP image`, { code: 'photo_type' });
  const base = decodeURIComponent(new URL(url).pathname.split('/').pop() || `photo-${position}`).replace(/[^\w.-]+/g, '_').replace(/\.[^.]*$/, '') || `photo-${position}`;
  return { bytes, kind, name: `${base}.${kind === 'jpeg' || kind === 'webp' ? 'jpg' : kind}` };
}
