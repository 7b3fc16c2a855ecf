import express, { Router } from 'express';
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { formatAmount, PLATFORMS } from '@gearsync/core';
import { imports, products } from '@gearsync/db';
import { listOrphans, requestImport, resolveOrphan, type ProducerContext } from '@gearsync/sync/producer';
import { requireRedis } from '../availability.js';
import { ApiError, notFound, parse } from '../errors.js';
import { newProduct, toInput } from './products.js';

const importRequest = z.strictObject({ platform: z.enum(PLATFORMS), dryRun: z.boolean().optional() });
const importIdParam = z.object({ importId: z.uuid('must be an import id (a UUID)') });
const orphanRequest = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('adopt') }),
  z.strictObject({ action: z.literal('link'), sku: z.string().trim().min(1) }),
  z.strictObject({ action: z.literal('ignore') }),
  z.strictObject({ action: z.literal('delete') }),
]);

/** The CSV's fixed columns; each attribute is a column of its own (`attribute:Body Type`), so a spreadsheet holds it. */
const COLUMNS = ['sku', 'brand', 'model', 'title', 'description', 'year', 'finish', 'category', 'condition', 'price', 'currency', 'quantity', 'images', 'status', 'platforms'] as const;
const ATTRIBUTE = 'attribute:';
/** A CSV import is one transaction: at most this many rows. */
const MAX_ROWS = 50_000;

export function importView(row: imports.ImportRow) {
  return {
    importId: row.id,
    platform: row.platform,
    status: row.status,
    dryRun: row.dryRun,
    read: row.read,
    created: row.created,
    linked: row.linked,
    skipped: row.skipped,
    decisions: row.decisions,
    error: row.error,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
  };
}

/** One CSV row as the product the API takes, or a 400 naming the row and column. */
function rowToProduct(row: Record<string, string>, line: number) {
  const empty = (v: string | undefined) => v === undefined || v.trim() === '';
  const attributes: Record<string, string> = {};
  for (const [k, v] of Object.entries(row)) if (k.startsWith(ATTRIBUTE) && !empty(v)) attributes[k.slice(ATTRIBUTE.length)] = v.trim();
  const number = (column: string) => {
    const v = row[column];
    if (empty(v)) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n)) throw new ApiError(400, 'invalid_csv', `row ${line}, column ${column}: "${v}" is not a number`);
    return n;
  };
  const candidate = {
    sku: row.sku,
    brand: row.brand,
    model: row.model,
    title: row.title,
    description: row.description ?? '',
    year: number('year') ?? null,
    finish: empty(row.finish) ? null : row.finish,
    category: empty(row.category) ? null : row.category,
    condition: row.condition,
    price: { amount: row.price, currency: row.currency },
    quantity: number('quantity'),
    images: empty(row.images) ? [] : row.images!.split('|').map((u) => u.trim()),
    status: empty(row.status) ? undefined : row.status,
    platforms: empty(row.platforms) ? null : row.platforms!.split('|').map((p) => p.trim()),
    attributes,
  };
  try {
    return toInput(parse(newProduct, candidate));
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    const col = csvColumn(err.issues?.[0]?.path ?? '');
    throw new ApiError(400, 'invalid_csv', `row ${line}, column ${col}: ${err.issues?.[0]?.message ?? err.message}`);
  }
}

/** The CSV column a product field's path comes from. */
function csvColumn(path: string): string {
  const [field, sub] = path.split('.');
  if (field === 'price') return sub === 'currency' ? 'currency' : 'price';
  if (field === 'attributes') return `${ATTRIBUTE}${sub ?? ''}`;
  return field || 'row';
}

const same = (a: products.ProductInput, b: products.ProductRow) =>
  a.brand === b.brand &&
  a.model === b.model &&
  a.title === b.title &&
  (a.description ?? '') === b.description &&
  (a.year ?? null) === b.year &&
  (a.finish ?? null) === b.finish &&
  (a.category ?? null) === b.category &&
  a.condition === b.condition &&
  a.priceCents === b.priceCents &&
  a.currency === b.currency &&
  a.quantity === b.quantity &&
  JSON.stringify(a.images) === JSON.stringify(b.images) &&
  a.status === b.status &&
  JSON.stringify(a.platforms ?? null) === JSON.stringify(b.platforms ?? null) &&
  JSON.stringify(Object.entries(a.attributes ?? {}).sort()) === JSON.stringify(Object.entries(b.attributes ?? {}).sort());

/**
 * Onboarding: imports from a platform, the inventory as CSV in and out, and the orphans (listings
 * no product matches) with what the dealer decides for each.
 */
export function onboardingRoutes(ctx: ProducerContext): { imports: Router; orphans: Router; csv: Router } {
  const db = ctx.database.db;

  const imp = Router();
  imp.post('/', requireRedis(ctx), async (req, res) => {
    const body = parse(importRequest, req.body ?? {});
    if (!(ctx.config.PLATFORMS as string[]).includes(body.platform)) throw new ApiError(400, 'platform_disabled', `platform: ${body.platform} is not enabled here`);
    const row = await requestImport(ctx, body.platform, body.dryRun ?? false);
    res.status(202).json({ importId: row.id });
  });
  imp.get('/', async (_req, res) => {
    res.json((await imports.list(db, 20)).map(importView));
  });
  imp.get('/:importId', async (req, res) => {
    const { importId } = parse(importIdParam, req.params);
    const row = await imports.get(db, importId);
    if (!row) throw notFound(`no import ${importId}`);
    res.json(importView(row));
  });

  const orphans = Router();
  orphans.get('/', async (_req, res) => {
    res.json(await listOrphans(ctx));
  });
  orphans.post('/:platform/:externalId', async (req, res) => {
    const platform = parse(z.enum(PLATFORMS), req.params.platform, ['platform']);
    const decision = parse(orphanRequest, req.body ?? {});
    res.json(await resolveOrphan(ctx, platform, String(req.params.externalId), decision));
  });

  const csv = Router();
  csv.get('/export', async (_req, res) => {
    const rows: products.ProductRow[] = [];
    for (let after = 0; ; ) {
      const page = await products.list(db, { limit: 1000, afterId: after });
      rows.push(...page);
      if (page.length < 1000) break;
      after = page[page.length - 1]!.id;
    }
    const attributeNames = [...new Set(rows.flatMap((r) => Object.keys(r.attributes ?? {})))].sort();
    const header = [...COLUMNS, ...attributeNames.map((n) => `${ATTRIBUTE}${n}`)];
    const body = rows.map((r) => [
      r.sku, r.brand, r.model, r.title, r.description, r.year ?? '', r.finish ?? '', r.category ?? '', r.condition,
      formatAmount(r.priceCents), r.currency, r.quantity, r.images.join('|'), r.status, (r.platforms ?? []).join('|'),
      ...attributeNames.map((n) => r.attributes?.[n] ?? ''),
    ]);
    res.type('text/csv').set('content-disposition', 'attachment; filename="gearsync-products.csv"').send(stringify([header, ...body]));
  });
  csv.post('/import', express.text({ type: ['text/csv', 'text/plain'], limit: '50mb' }), async (req, res) => {
    if (typeof req.body !== 'string' || !req.body.trim()) throw new ApiError(400, 'invalid_csv', 'send the CSV as the body (Content-Type: text/csv), header row first');
    let records: Record<string, string>[];
    try {
      records = parseCsv(req.body, { columns: true, skip_empty_lines: true, bom: true, trim: false });
    } catch (err) {
      throw new ApiError(400, 'invalid_csv', `the CSV cannot be read: ${(err as Error).message}`);
    }
    if (records.length > MAX_ROWS) throw new ApiError(400, 'invalid_csv', `at most ${MAX_ROWS} rows per file (got ${records.length})`);
    const missing = ['sku', 'brand', 'model', 'title', 'condition', 'price', 'currency'].filter((c) => records.length && !(c in records[0]!));
    if (missing.length) throw new ApiError(400, 'invalid_csv', `row 1, column ${missing[0]}: the header has no such column`);
    const seen = new Map<string, number>();
    // Row numbers as a spreadsheet shows them: the header is row 1.
    const inputs = records.map((r, i) => {
      const p = rowToProduct(r, i + 2);
      const first = seen.get(p.sku);
      if (first !== undefined) throw new ApiError(400, 'invalid_csv', `row ${i + 2}, column sku: "${p.sku}" is also on row ${first}`);
      seen.set(p.sku, i + 2);
      return p;
    });
    // Nothing of the file is written unless all of it is; a row equal to the product changes nothing.
    const existing = new Map((await products.bySkus(db, inputs.map((p) => p.sku))).map((p) => [p.sku, p]));
    const changed = inputs.filter((p) => !existing.has(p.sku) || !same(p, existing.get(p.sku)!));
    await db.transaction(async (tx) => {
      await products.upsertMany(tx, changed);
    });
    res.json({ rows: inputs.length, created: changed.filter((p) => !existing.has(p.sku)).length, updated: changed.filter((p) => existing.has(p.sku)).length, unchanged: inputs.length - changed.length });
  });

  return { imports: imp, orphans, csv };
}
