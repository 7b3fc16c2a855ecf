import express from 'express';
import { z } from 'zod';
import { behaviourSchema } from './behaviour.js';
import { canonicalListingSchema, listingPatchSchema, saleSchema } from './canonical.js';
function fail(res, status, code, message) {
    res.status(status).json({ error: { code, message } });
}
function invalid(res, error) {
    const issue = error.issues[0];
    fail(res, 400, 'invalid_request', `${issue.path.join('.') || 'body'}: ${issue.message}`);
}
/** `/_control`: the test harness's view of every emulated platform, in one canonical shape. */
export function controlRouter(emulations) {
    const router = express.Router();
    router.use(express.json({ limit: '50mb' }));
    const platformOf = (req, res) => {
        const emulation = emulations[String(req.params.platform)];
        if (!emulation)
            fail(res, 404, 'unknown_platform', `no platform "${String(req.params.platform)}"; try ${Object.keys(emulations).join(', ')}`);
        return emulation ?? null;
    };
    const listingsOf = (req, res) => {
        const parsed = z.array(canonicalListingSchema).safeParse(req.body);
        if (!parsed.success) {
            invalid(res, parsed.error);
            return null;
        }
        return parsed.data;
    };
    router.post('/reset', (_req, res) => {
        for (const e of Object.values(emulations))
            e.reset();
        res.json({ ok: true });
    });
    router.get('/:platform/listings', (req, res) => {
        const e = platformOf(req, res);
        if (e)
            res.json(e.list());
    });
    router.put('/:platform/listings', (req, res) => {
        const e = platformOf(req, res);
        const listings = e && listingsOf(req, res);
        if (e && listings)
            res.json(e.replace(listings));
    });
    router.post('/:platform/listings', (req, res) => {
        const e = platformOf(req, res);
        const listings = e && listingsOf(req, res);
        if (e && listings)
            res.status(201).json(e.add(listings));
    });
    router.patch('/:platform/listings/:sku', (req, res) => {
        const e = platformOf(req, res);
        if (!e)
            return;
        const parsed = listingPatchSchema.safeParse(req.body);
        if (!parsed.success)
            return invalid(res, parsed.error);
        const listing = e.patch(String(req.params.sku), parsed.data);
        if (!listing)
            return fail(res, 404, 'not_found', `no listing with SKU "${String(req.params.sku)}" on ${e.name}`);
        res.json(listing);
    });
    router.post('/:platform/sales', async (req, res) => {
        const e = platformOf(req, res);
        if (!e)
            return;
        const parsed = saleSchema.safeParse(req.body);
        if (!parsed.success)
            return invalid(res, parsed.error);
        const listing = await e.sell(parsed.data.sku, parsed.data.quantity, { paid: parsed.data.paid });
        if (!listing)
            return fail(res, 409, 'not_for_sale', `SKU "${parsed.data.sku}" is not for sale on ${e.name} in that quantity`);
        res.json(listing);
    });
    router.put('/:platform/config', (req, res) => {
        const e = platformOf(req, res);
        if (!e)
            return;
        const parsed = behaviourSchema.safeParse(req.body);
        if (!parsed.success)
            return invalid(res, parsed.error);
        res.json(e.behaviour.configure(parsed.data));
    });
    router.put('/:platform/account', (req, res) => {
        const e = platformOf(req, res);
        if (!e)
            return;
        if (!e.configureAccount)
            return fail(res, 404, 'no_account_setup', `${e.name} has no account setup in the sandbox`);
        const result = e.configureAccount(req.body);
        if (!result.ok)
            return fail(res, 400, 'invalid_request', result.message);
        res.json(result.account);
    });
    router.get('/:platform/config', (req, res) => {
        const e = platformOf(req, res);
        if (e)
            res.json(e.behaviour.config);
    });
    router.get('/:platform/account', (req, res) => {
        const e = platformOf(req, res);
        if (!e)
            return;
        if (!e.account)
            return fail(res, 404, 'no_account_setup', `${e.name} has no account setup in the sandbox`);
        res.json(e.account());
    });
    router.get('/:platform/stats', (req, res) => {
        const e = platformOf(req, res);
        if (e)
            res.json({ ...e.behaviour.stats, ...e.extraStats?.() });
    });
    return router;
}
//# sourceMappingURL=control.js.map