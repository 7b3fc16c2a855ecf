import express from 'express';
import { controlRouter } from './control.js';
import { createEmulations } from './emulations.js';
import { imagesRouter } from './images.js';
/** The four emulated platforms behind one HTTP server, plus `/_control`. */
export async function startSandbox(options) {
    const emulations = createEmulations(options.credentials);
    const app = express();
    app.disable('x-powered-by');
    app.get('/_health', (_req, res) => res.json({ ok: true }));
    app.use('/_control', controlRouter(emulations));
    app.use('/_images', imagesRouter());
    for (const e of Object.values(emulations))
        app.use(`/${e.name}`, e.router());
    const server = await new Promise((resolve, reject) => {
        // Express 5 hands a failed listen (port in use) to this callback.
        const s = app.listen(options.port, options.host ?? '127.0.0.1', (err) => (err ? reject(err) : resolve(s)));
    });
    server.keepAliveTimeout = 65_000;
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    return {
        server,
        url: `http://${options.host ?? '127.0.0.1'}:${port}`,
        emulations,
        close: () => new Promise((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
        }),
    };
}
//# sourceMappingURL=server.js.map