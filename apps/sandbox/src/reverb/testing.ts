import type { Server } from 'node:http';
import express from 'express';
import { controlRouter } from '../control.js';
import { ReverbEmulation } from './emulation.js';

/**
 * The Reverb emulation alone behind `/_control` and `/reverb`, on a free loopback port, laid
 * out as `startSandbox` lays it out: for tests that must not depend on the other emulations.
 */
export async function startReverbSandbox(token: string) {
  const emulation = new ReverbEmulation({ token });
  const app = express();
  app.use('/_control', controlRouter({ reverb: emulation }));
  app.use('/reverb', emulation.router());
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    emulation,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
