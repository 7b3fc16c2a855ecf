import { challengePage, errorPage, maintenancePage } from './pages.js';
/** V&R fails as a PHP site behind Cloudflare does: HTML pages, never JSON. */
export const vrFaults = {
    throttled(res, retryAfterSeconds) {
        if (retryAfterSeconds !== null)
            res.setHeader('Retry-After', String(retryAfterSeconds));
        res.status(429).type('html').send(errorPage('', 429, 'Too many requests. Please slow down and try again in a moment.'));
    },
    error(res, status) {
        if (status === 403) {
            return sendChallenge(res);
        }
        if (status === 503)
            return vrFaults.down(res);
        res.status(status).type('html').send(errorPage('', status, status >= 500 ? 'Something went wrong on our side. Please try again.' : 'Your request could not be handled.'));
    },
    down(res) {
        res.status(503).type('html').send(errorPage('', 503, 'Service temporarily unavailable.'));
    },
    garbage(res) {
        res.status(200).type('html').send('<!DOCTYPE html><html><head><title>Vintage &amp; Rare</title></head><body><div class="container"><div cla');
    },
};
export function sendMaintenance(res) {
    res.status(503).setHeader('Retry-After', '3600');
    res.type('html').send(maintenancePage());
}
export function sendChallenge(res) {
    res.setHeader('cf-mitigated', 'challenge');
    res.setHeader('server', 'cloudflare');
    res.status(403).type('html').send(challengePage());
}
//# sourceMappingURL=faults.js.map