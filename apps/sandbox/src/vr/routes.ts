import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { PlatformBehaviour } from '../behaviour.js';
import { exportCsv } from './export-csv.js';
import { sendMaintenance, vrFaults } from './faults.js';
import { emptyForm, formOf, postedForm, validateForm } from './form.js';
import { accountPage, errorPage, exportPage, itemFormPage, itemsPage, loginPage, publishedPage } from './pages.js';
import { SESSION_COOKIE, type Sessions } from './sessions.js';
import { newItemDefaults, type VrStore } from './store.js';

export interface VrSite {
  store: VrStore;
  sessions: Sessions;
  behaviour: PlatformBehaviour;
  credentials: { username: string; password: string };
}

const ITEMS_PER_PAGE = 50;

const endpointOf = (req: Request) => `${req.method} ${req.path.replace(/\/\d+(?=\/|$)/g, '/:id')}`;

function refererPath(req: Request): string | null {
  const referer = req.get('referer');
  if (!referer) return null;
  try {
    return new URL(referer).pathname;
  } catch {
    return null;
  }
}

function html(res: Response, body: string, status = 200): void {
  res.status(status).type('html').send(body);
}

/** The dealer side of vintageandrare.com: PHP pages, a session cookie, a CSV export and a few AJAX calls. */
export function vrRouter(site: VrSite): Router {
  const { store, sessions, behaviour, credentials } = site;
  const router = express.Router();
  router.use(behaviour.middleware(vrFaults, endpointOf));
  router.use((_req, res, next) => (behaviour.config.maintenance ? sendMaintenance(res) : next()));
  router.use(express.urlencoded({ extended: false, limit: '5mb' }));

  router.get('/', (req, res) => res.redirect(302, `${req.baseUrl}/${sessions.of(req) ? 'account' : 'login'}`));

  router.get('/login', (req, res) => {
    if (sessions.of(req)) return res.redirect(302, `${req.baseUrl}/account`);
    html(res, loginPage(req.baseUrl));
  });

  router.post('/do_login', (req, res) => {
    const username = typeof req.body?.username === 'string' ? req.body.username : '';
    const pass = typeof req.body?.pass === 'string' ? req.body.pass : '';
    if (username !== credentials.username || pass !== credentials.password) {
      return html(res, loginPage(req.baseUrl, 'The username or password you entered is incorrect.', username));
    }
    res.cookie(SESSION_COOKIE, sessions.open(), { path: '/', httpOnly: true });
    res.redirect(302, `${req.baseUrl}/account`);
  });

  router.get('/logout', (req, res) => {
    const id = sessions.of(req);
    if (id) sessions.close(id);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.redirect(302, `${req.baseUrl}/login`);
  });

  router.use((req, res, next) => {
    if (/^\/(account|instruments|ajax)(\/|$)/.test(req.path) && !sessions.of(req)) return res.redirect(302, `${req.baseUrl}/login`);
    next();
  });

  router.get('/account', (req, res) => html(res, accountPage(req.baseUrl)));

  router.get('/account/items', (req, res) => {
    const items = store.all().reverse();
    const pages = Math.max(1, Math.ceil(items.length / ITEMS_PER_PAGE));
    const page = Math.min(pages, Math.max(1, Number(req.query.page) || 1));
    const id = typeof req.query.id === 'string' ? req.query.id : null;
    const banner =
      req.query.published === '1'
        ? `Your item${id ? ` ${id}` : ''} is now published and live.`
        : req.query.updated === '1'
          ? `Your item${id ? ` ${id}` : ''} has been updated.`
          : null;
    html(res, itemsPage(req.baseUrl, items.slice((page - 1) * ITEMS_PER_PAGE, page * ITEMS_PER_PAGE), page, pages, banner));
  });

  router.get('/instruments/export_inventory', (req, res) => html(res, exportPage(req.baseUrl)));

  router.get('/instruments/export_inventory/export_inventory', (req, res) => {
    // The download works only as a click from the export page: without that Referer it is refused.
    if (refererPath(req) !== `${req.baseUrl}/instruments/export_inventory`) {
      return html(res, errorPage(403, 'You do not have access to this page.'), 403);
    }
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .setHeader('Content-Disposition', 'attachment; filename="inventory.csv"')
      .send(exportCsv(store.all()));
  });

  const formAction = (req: Request, id?: number) => `${req.baseUrl}/instruments/add_edit_item${id === undefined ? '' : `/${id}`}`;

  router.get('/instruments/add_edit_item', (req, res) => html(res, itemFormPage(req.baseUrl, formAction(req), emptyForm(), {})));

  router.post('/instruments/add_edit_item', (req, res) => {
    const values = postedForm(req.body ?? {});
    const checked = validateForm(values);
    if (!checked.ok) return html(res, itemFormPage(req.baseUrl, formAction(req), values, { error: checked.error }));
    const item = store.create({ ...newItemDefaults(), ...checked.fields });
    if (behaviour.config.hideNewId) return html(res, publishedPage(req.baseUrl));
    res.redirect(302, `${req.baseUrl}/account/items?published=1&id=${item.productId}`);
  });

  const itemOf = (req: Request, res: Response) => {
    const item = store.get(Number(req.params.id));
    if (!item) html(res, errorPage(404, 'This item does not exist or has been removed.'), 404);
    return item;
  };

  router.get('/instruments/add_edit_item/:id', (req, res) => {
    const item = itemOf(req, res);
    if (item) html(res, itemFormPage(req.baseUrl, formAction(req, item.productId), formOf(item), { productId: item.productId, sold: item.sold }));
  });

  router.post('/instruments/add_edit_item/:id', (req, res) => {
    const item = itemOf(req, res);
    if (!item) return;
    const values = postedForm(req.body ?? {});
    const checked = validateForm(values);
    if (!checked.ok) {
      return html(res, itemFormPage(req.baseUrl, formAction(req, item.productId), values, { error: checked.error, productId: item.productId, sold: item.sold }));
    }
    store.update(item.productId, checked.fields);
    res.redirect(302, `${req.baseUrl}/account/items?updated=1&id=${item.productId}`);
  });

  router.post('/ajax/check_brand_exists', (req, res) => {
    const name = String(req.body?.brand_name ?? req.body?.brand ?? '');
    res.type('html').send(String(store.brandId(name)));
  });

  // The item actions answer only the site's own AJAX from the items page.
  const fromItemsPage = (req: Request, res: Response, next: NextFunction) => {
    const ajax = req.get('x-requested-with') === 'XMLHttpRequest';
    if (!ajax || !(refererPath(req) ?? '').endsWith('/account/items')) return res.status(403).type('html').send('false');
    next();
  };
  const answer = (res: Response, ok: boolean) => res.type('html').send(ok ? 'true' : 'false');

  router.post('/ajax/mark_as_sold/:id', fromItemsPage, (req, res) => {
    const item = store.get(Number(req.params.id));
    answer(res, !!item && !item.sold && !!store.update(item.productId, { sold: true }));
  });

  router.post('/ajax/restore_from_sold/:id', fromItemsPage, (req, res) => {
    const item = store.get(Number(req.params.id));
    answer(res, !!item && item.sold && !!store.update(item.productId, { sold: false, inInventory: true }));
  });

  router.post('/ajax/delete_item', fromItemsPage, (req, res) => {
    answer(res, store.delete(Number(req.body?.product_id)));
  });

  router.use((_req, res) => html(res, errorPage(404, 'Page not found.'), 404));
  return router;
}
