import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jpegFor, webpFor } from '../../../../apps/sandbox/src/images.js';
import { PlatformError } from '../errors.js';
import { downloadPhoto } from './photos.js';
import { platformFailure as refusal } from '../errors.testing.js';

/** A photo host whose answers the tests choose: how many bytes it sends, and whether it says so first. */
let server: Server;
let base: string;
/** Bytes the host wrote for the last "endless" photo before the download hung up. */
let endlessSent = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/ok.jpg') return res.writeHead(200, { 'content-type': 'image/jpeg' }).end(jpegFor(path));
    if (path === '/head.webp') return res.writeHead(200, { 'content-type': 'image/webp' }).end(webpFor());
    if (path === '/declared-big.jpg') {
      // Says it is 50 MB: refused before a byte of the body is read.
      res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': String(50 * 1024 * 1024) });
      return res.write(jpegFor(path));
    }
    if (path === '/endless.jpg') {
      // No length given, and far more than the limit: the download must stop reading, not keep it all.
      endlessSent = 0;
      res.writeHead(200, { 'content-type': 'image/jpeg' });
      const chunk = Buffer.alloc(64 * 1024, 0xab);
      const push = () => {
        while (!res.destroyed && endlessSent < 64 * 1024 * 1024) {
          endlessSent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', push);
        }
        res.end();
      };
      res.write(jpegFor(path));
      return push();
    }
    if (path === '/page.html') return res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>not a photo</body></html>');
    if (path === '/busy.jpg') return res.writeHead(503).end();
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});


describe('downloadPhoto', () => {
  test('a JPEG comes as it is; a WebP is told apart (the form re-encodes it) and named .jpg for V&R', async () => {
    expect(await downloadPhoto(`${base}/ok.jpg`, 1, 5_000)).toEqual({ bytes: jpegFor('/ok.jpg'), kind: 'jpeg', name: 'ok.jpg' });
    const webp = await downloadPhoto(`${base}/head.webp`, 3, 5_000);
    expect({ kind: webp.kind, name: webp.name }).toEqual({ kind: 'webp', name: 'head.jpg' });
  });

  test('memory stays bounded: a photo over the limit is refused, declared or not, without reading it all', async () => {
    const limit = 256 * 1024;
    expect(await refusal(downloadPhoto(`${base}/declared-big.jpg`, 2, 5_000, limit))).toMatchObject({ kind: 'permanent', details: { code: 'photo_too_big' } });
    const endless = await refusal(downloadPhoto(`${base}/endless.jpg`, 4, 5_000, limit));
    expect(endless).toMatchObject({ kind: 'permanent', details: { code: 'photo_too_big' } });
    expect(endless.message).toContain('photo 4');
    // The host had far more to give (64 MB); the download hung up soon after the limit.
    expect(endlessSent).toBeLessThan(16 * 1024 * 1024);
  });

  test('what is not a photo, or not there, is permanent; a host that is busy is worth another try', async () => {
    expect(await refusal(downloadPhoto(`${base}/page.html`, 1, 5_000))).toMatchObject({ kind: 'permanent', details: { code: 'photo_type' } });
    expect(await refusal(downloadPhoto(`${base}/gone.jpg`, 1, 5_000))).toMatchObject({ kind: 'permanent', details: { code: 'photo_download', status: 404 } });
    expect(await refusal(downloadPhoto(`${base}/busy.jpg`, 1, 5_000))).toMatchObject({ kind: 'transient', details: { status: 503 } });
  });
});
