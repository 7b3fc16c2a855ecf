import { parse } from 'csv-parse/sync';
import { PlatformError } from '../errors.js';
import type { VrBrowserSession } from './browser.js';
import { garbage } from './classify.js';
import { VR_EXPORT_COLUMNS, type VrExportRow } from './mapping.js';

export const EXPORT_PAGE = '/instruments/export_inventory';
export const EXPORT_FILE = '/instruments/export_inventory/export_inventory';
/** A 1,500-item shop's export takes ~30 s on the real site; allow far more. */
export const DEFAULT_EXPORT_TIMEOUT_MS = 180_000;

/**
 * The inventory CSV: every item, sold ones included. Columns are found by name (lower-cased):
 * the site adds columns now and then, which are ignored; a known one missing is an error that
 * says which, not a quiet gap in every listing.
 */
export function parseExport(text: string): VrExportRow[] {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false, trim: false }) as string[][];
  } catch (err) {
    throw new PlatformError('transient', `V&R export is not valid CSV: ${(err as Error).message.slice(0, 200)}`, { code: 'garbage' });
  }
  const header = records[0];
  if (!header) throw new PlatformError('transient', 'V&R export is empty (not even a header)', { code: 'garbage' });
  if (/^\s*<(!doctype|html)/i.test(header[0] ?? '')) throw new PlatformError('transient', 'V&R answered a page where the export belongs', { code: 'garbage' });
  const names = header.map((h) => h.trim().toLowerCase());
  const index = new Map<string, number>();
  names.forEach((n, i) => n !== '' && !index.has(n) && index.set(n, i));
  const missing = VR_EXPORT_COLUMNS.filter((c) => !index.has(c));
  if (missing.length === VR_EXPORT_COLUMNS.length) throw new PlatformError('transient', 'V&R answered something other than its export (no known column)', { code: 'garbage' });
  if (missing.length) {
    throw new PlatformError('permanent', `V&R's export has no column ${missing.map((c) => `"${c}"`).join(', ')}: the site changed its export`, { code: 'site_changed' });
  }
  const at = VR_EXPORT_COLUMNS.map((c) => index.get(c)!);
  return records.slice(1).map((cells) => Object.fromEntries(VR_EXPORT_COLUMNS.map((c, i) => [c, cells[at[i]!] ?? ''])) as VrExportRow);
}

/**
 * Opens the export page, then downloads the CSV from inside it: the site hands the file only
 * to a request whose Referer is that page, with the session cookie. A large shop's export
 * takes minutes to start: it has its own timeout, not the per-page one.
 */
export async function downloadExport(session: VrBrowserSession, timeoutMs = DEFAULT_EXPORT_TIMEOUT_MS): Promise<VrExportRow[]> {
  await session.open(EXPORT_PAGE, 'the export page');
  const answer = await session.fetch(EXPORT_FILE, { timeoutMs }, 'the inventory export');
  const type = answer.headers['content-type'] ?? '';
  if (!/csv|text\/plain|octet-stream/i.test(type)) throw garbage('the inventory export');
  return parseExport(answer.text);
}
