import { randomBytes } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import multer from 'multer';
import type { PlatformBehaviour } from '../behaviour.js';
import { exportCsv } from './export-csv.js';
import { sendChallenge, sendMaintenance, vrFaults } from './faults.js';
import { formOf, postedForm, validateForm, type FormValues } from './form.js';
import { PUBLISHED, accountPage, errorPage, exportPage, homePage, itemFormPage, itemsPage, publishedPage } from './pages.js';
import { cookieOf, type Session, type Sessions } from './sessions.js';
import { newItemDefaults, type VrItem, type VrStore } from './store.js';

export interface VrSite {
  store: VrStore;
  sessions: Sessions;
  behaviour: PlatformBehaviour;
  credentials: { username: string; password: string };
}

/** The dealer's user id on the site: Dropzone's upload URL and the form's `owner_id` carry it. */
export const DEALER_USER_ID = 20417;
const ITEMS_PER_PAGE = 50;
const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

const endpointOf = (req: Request) =>
  `${req.method} ${req.path
    .replace(/^\/ajax\/(mark_as_sold|restore_from_sold)\/[^/]+/, '/ajax/$1/:random')
    .replace(/^\/uploads\/[^/]+/, '/uploads/:file')
    .replace(/\/\d+(?=\/|$)/g, '/:id')}`;

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

function sniff(bytes: Buffer): 'jpeg' | 'png' | 'gif' | 'webp' | null {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (bytes.subarray(0, 4).toString('latin1') === 'GIF8') return 'gif';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp';
  return null;
}

/** The dealer side of vintageandrare.com: PHP pages behind Cloudflare, a session cookie, a CSV export and AJAX calls. */
export function vrRouter(site: VrSite): Router {
  const { store, sessions, behaviour, credentials } = site;
  const router = express.Router();
  const formParts = multer().none();
  const uploadParts = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } }).any();

  router.use(behaviour.middleware(vrFaults, endpointOf));
  // Cloudflare stands in front of everything: with the challenge on, only a browser's clearance passes.
  router.use((req, res, next) => {
    const cfg = behaviour.config;
    if (!cfg.challenge) return next();
    const clearance = cookieOf(req, 'cf_clearance');
    const passes = cfg.cfClearance !== null && clearance === cfg.cfClearance && (cfg.cfUserAgent === null || req.get('user-agent') === cfg.cfUserAgent);
    return passes ? next() : sendChallenge(res);
  });
  router.use((_req, res, next) => (behaviour.config.maintenance ? sendMaintenance(res) : next()));
  router.use(express.urlencoded({ extended: false, limit: '5mb' }));

  router.get('/uploads/:file', (req, res) => {
    const bytes = store.file(String(req.params.file));
    if (!bytes) return html(res, errorPage(req.baseUrl, 404, 'Page not found.'), 404);
    res.type(sniff(bytes) === 'png' ? 'image/png' : sniff(bytes) === 'gif' ? 'image/gif' : 'image/jpeg').send(bytes);
  });

  router.get('/', (req, res) => {
    const session = sessions.of(req, res);
    html(res, homePage(req.baseUrl, session.userId !== null));
  });

  router.post('/do_login', (req, res) => {
    // The header form posts with the visitor session the home page gave; without it PHP sends you home.
    if (!sessions.existing(req)) return res.redirect(302, `${req.baseUrl}/`);
    const username = typeof req.body?.username === 'string' ? req.body.username : '';
    const pass = typeof req.body?.pass === 'string' ? req.body.pass : '';
    if (req.body?.open_where !== 'header' || username !== credentials.username || pass !== credentials.password) {
      return html(res, homePage(req.baseUrl, false, 'Wrong username or password.'));
    }
    sessions.login(req, res, DEALER_USER_ID);
    res.cookie('vr_currency', store.currency, { path: '/' });
    res.redirect(302, `${req.baseUrl}/account`);
  });

  router.get('/logout', (req, res) => {
    const session = sessions.existing(req);
    if (session) sessions.close(session.id);
    res.redirect(302, `${req.baseUrl}/`);
  });

  const dealer = (res: Response): Session => res.locals.session as Session;
  // A visitor, or a session the site forgot, lands on the home page logged out.
  router.use((req, res, next) => {
    if (!/^\/(account|instruments|ajax)(\/|$)/.test(req.path)) return next();
    const session = sessions.existing(req);
    if (!session || session.userId === null) return res.redirect(302, `${req.baseUrl}/`);
    res.locals.session = session;
    next();
  });
  const takeFlash = (session: Session) => {
    const flash = session.flash;
    session.flash = null;
    return flash;
  };

  router.get('/account', (req, res) => html(res, accountPage(req.baseUrl, takeFlash(dealer(res)))));

  router.get('/account/items', (req, res) => {
    const items = store.all().reverse();
    const pages = Math.max(1, Math.ceil(items.length / ITEMS_PER_PAGE));
    const page = Math.min(pages, Math.max(1, Number(req.query.page) || 1));
    html(res, itemsPage(req.baseUrl, items.slice((page - 1) * ITEMS_PER_PAGE, page * ITEMS_PER_PAGE), page, pages, takeFlash(dealer(res))));
  });

  router.get('/instruments/export_inventory', (req, res) => html(res, exportPage(req.baseUrl)));

  router.get('/instruments/export_inventory/export_inventory', async (req, res) => {
    // The download works only as a click from the export page: without that Referer it is refused.
    if (refererPath(req) !== `${req.baseUrl}/instruments/export_inventory`) {
      return html(res, errorPage(req.baseUrl, 403, 'You do not have access to this page.', true), 403);
    }
    const { exportDelayMs, exportExtraColumns } = behaviour.config;
    // A large shop's export is built before the first byte leaves.
    if (exportDelayMs > 0) await new Promise((r) => setTimeout(r, exportDelayMs));
    if (res.destroyed) return;
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .setHeader('Content-Disposition', 'attachment; filename="inventory.csv"')
      .send(exportCsv(store.all(), store.categories, exportExtraColumns));
  });

  const formAction = (req: Request, id?: number) => `${req.baseUrl}/instruments/add_edit_item${id === undefined ? '' : `/${id}`}`;
  const showForm = (req: Request, res: Response, item: VrItem | null, values: FormValues, error?: string) => {
    const session = dealer(res);
    const uniqueId = randomBytes(10).toString('hex');
    session.formTokens.add(uniqueId);
    html(res, itemFormPage(req.baseUrl, formAction(req, item?.productId), values, store.categories, { error, item, userId: DEALER_USER_ID, uniqueId, flash: takeFlash(session) }));
  };
  const itemOf = (req: Request, res: Response) => {
    const item = store.get(Number(req.params.id));
    if (!item) html(res, errorPage(req.baseUrl, 404, 'This item does not exist or has been removed.', true), 404);
    return item;
  };
  const save = (req: Request, res: Response, item: VrItem | null) => {
    const session = dealer(res);
    const values = postedForm(req.body ?? {});
    // The page's one-time token: a post not made from a form the site just showed is refused.
    if (!session.formTokens.delete(values.unique_id)) return showForm(req, res, item, values, 'Your session has expired. Please check your item and publish it again.');
    const checked = validateForm(values, { store, userId: DEALER_USER_ID, item });
    if (!checked.ok) return showForm(req, res, item, values, checked.error);
    for (const id of checked.uploads) store.consumeUpload(id);
    const saved = item ? store.update(item.productId, checked.fields)! : store.create({ ...newItemDefaults(), currency: store.currency, ...checked.fields });
    if (!item && behaviour.config.hideNewId) return html(res, publishedPage(req.baseUrl));
    session.flash = PUBLISHED;
    res.redirect(302, formAction(req, saved.productId));
  };

  router.get('/instruments/add_edit_item', (req, res) => showForm(req, res, null, formOf(null)));
  router.post('/instruments/add_edit_item', formParts, (req, res) => save(req, res, null));
  router.get('/instruments/add_edit_item/:id', (req, res) => {
    const item = itemOf(req, res);
    if (item) showForm(req, res, item, formOf(item));
  });
  router.post('/instruments/add_edit_item/:id', formParts, (req, res) => {
    const item = itemOf(req, res);
    if (item) save(req, res, item);
  });

  const xhrOnly = (req: Request, res: Response, next: NextFunction) => (req.get('x-requested-with') === 'XMLHttpRequest' ? next() : res.status(403).type('html').send('false'));

  router.get('/ajax/get_subcategories', xhrOnly, (req, res) => {
    const parent = String(req.query.parent_id ?? '');
    res.json(store.categories.children(parent).map((c) => ({ id: c.id, name: c.name })));
  });

  router.get('/ajax/brand_autosuggest', xhrOnly, (req, res) => res.json(store.brandNames(String(req.query.term ?? ''))));

  router.post('/ajax/check_brand_exists', (req, res) => {
    res.type('html').send(String(store.brandId(String(req.body?.brand_name ?? ''))));
  });

  router.post('/ajax/dropzone_upload/:userId', xhrOnly, (req, res) => {
    if (req.params.userId !== String(DEALER_USER_ID)) return res.status(403).type('html').send('false');
    // Dropzone uploads from the item form: a post from anywhere else is refused.
    const from = refererPath(req) ?? '';
    if (from !== formAction(req) && !from.startsWith(`${formAction(req)}/`)) return res.status(403).type('html').send('false');
    uploadParts(req, res, (err: unknown) => {
      const refuse = (error: string) => res.status(200).json([{ success: false, error }]);
      if (err) return refuse(err instanceof multer.MulterError && err.code === 'LIMIT_FILE_SIZE' ? 'The file is too big (max 10 MB).' : 'The upload failed.');
      const file = (req.files as Express.Multer.File[] | undefined)?.find((f) => f.fieldname === 'filename[0]');
      if (!file) return refuse('No file was uploaded.');
      const kind = sniff(file.buffer);
      if (!kind || kind === 'webp') return refuse('This file type is not allowed. Please upload JPG, PNG or GIF photos.');
      const key = randomBytes(12).toString('hex');
      const ext = kind === 'jpeg' ? 'jpg' : kind;
      const fileName = `${key}.${ext}`;
      const upload = {
        fileUniqueId: `u${key.slice(0, 16)}`,
        userId: DEALER_USER_ID,
        fileName,
        thumbName: `${key}_thumb.${ext}`,
        originalName: file.originalname,
        size: file.size,
        bytes: file.buffer,
        url: `${req.protocol}://${req.get('host')}${req.baseUrl}/uploads/${fileName}`,
      };
      store.addUpload(upload);
      res.json([{ success: true, thumbnailName: upload.thumbName, file_unique_id: upload.fileUniqueId, fileName: upload.fileName, size: upload.size }]);
    });
  });

  // The item actions answer only the site's own AJAX from the items page.
  const fromItemsPage = (req: Request, res: Response, next: NextFunction) => {
    const ajax = req.get('x-requested-with') === 'XMLHttpRequest';
    if (!ajax || !(refererPath(req) ?? '').endsWith('/account/items')) return res.status(403).type('html').send('false');
    next();
  };
  const say = (res: Response, answer: string) => res.type('html').send(answer);
  const productOf = (req: Request) => {
    const raw = String(req.body?.product_id ?? '').trim();
    return /^\d+$/.test(raw) ? store.get(Number(raw)) ?? null : undefined;
  };

  router.post('/ajax/mark_as_sold/:random', fromItemsPage, (req, res) => {
    const item = productOf(req);
    if (item === undefined) return say(res, 'Err::Missing product id');
    if (item === null) return say(res, 'false');
    if (item.sold) return say(res, 'Err::This item is already marked as sold');
    store.update(item.productId, { sold: true });
    say(res, 'true');
  });

  router.post('/ajax/restore_from_sold/:random', fromItemsPage, (req, res) => {
    const item = productOf(req);
    if (item === undefined) return say(res, 'Err::Missing product id');
    if (item === null) return say(res, 'false');
    // Restoring an item that is not sold changes nothing, and says nothing.
    if (!item.sold) return say(res, '');
    store.update(item.productId, { sold: false, inInventory: true });
    say(res, 'true');
  });

  router.post('/ajax/delete_item', fromItemsPage, (req, res) => {
    const item = productOf(req);
    if (item === undefined) return say(res, 'Err::Missing product id');
    say(res, item && store.delete(item.productId) ? 'true' : 'false');
  });

  router.use((req, res) => html(res, errorPage(req.baseUrl, 404, 'Page not found.'), 404));
  return router;
}
