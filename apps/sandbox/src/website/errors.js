export function wooError(status, code, message, params) {
    return { code, message, data: params ? { status, params } : { status } };
}
export function invalidParam(param, why) {
    return wooError(400, 'rest_invalid_param', `Invalid parameter(s): ${param}`, { [param]: why });
}
export function sendError(res, error) {
    res.status(error.data.status).json(error);
}
/** Faults as a WordPress host gives them: the host's limiter, a dead PHP backend, a cache page. */
export const wooFaults = {
    throttled(res, retryAfterSeconds) {
        if (retryAfterSeconds !== null)
            res.setHeader('Retry-After', String(retryAfterSeconds));
        sendError(res, wooError(429, 'too_many_requests', 'Too many requests. Please slow down.'));
    },
    error(res, status) {
        sendError(res, wooError(status, status >= 500 ? 'internal_server_error' : 'rest_error', 'There has been a critical error on this website.'));
    },
    down(res) {
        sendError(res, wooError(503, 'service_unavailable', 'The site is temporarily unavailable.'));
    },
    garbage(res) {
        res
            .status(200)
            .type('text/html')
            .send('<!DOCTYPE html><html><head><title>Just a moment...</title></head><body><p>Checking your browser before accessing the shop.</p></body></html>');
    },
};
//# sourceMappingURL=errors.js.map