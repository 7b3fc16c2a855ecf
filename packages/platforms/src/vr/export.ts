import { parse } from 'csv-parse/sync';
import { PlatformError } from '../errors.js';
import type { VrBrowserSession } from './browser.js';
import { garbage } from './classify.js';
import { VR_EXPORT_COLUMNS, type VrExportRow } from './mapping.js';

export const EXPORT_PAGE = '/instruments/export_inventory';
export const EXPORT_FILE = '/instruments/export_inventory/export_inventory';

/**
 * The inventory CSV: every item, sold ones included. Descriptions hold commas, quotes and line
 * breaks inside quoted fields; the header, like every row, ends with an empty column.
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
  const names = header.map((h) => h.trim().toLowerCase());
  const missing = VR_EXPORT_COLUMNS.filter((c, i) => names[i] !== c);
  if (missing.length || names.slice(VR_EXPORT_COLUMNS.length).some((n) => n !== '')) {
    throw new PlatformError('transient', `V&R export columns are not the expected ones (first difference: "${missing[0] ?? names[VR_EXPORT_COLUMNS.length]}")`, {
      code: 'garbage',
    });
  }
  return records.slice(1).map((cells) => Object.fromEntries(VR_EXPORT_COLUMNS.map((c, i) => [c, cells[i] ?? ''])) as VrExportRow);
}

/**
 * Opens the export page, then downloads the CSV from inside it: the site hands the file only
 * to a request whose Referer is that page, with the session cookie.
 */
export async function downloadExport(session: VrBrowserSession): Promise<VrExportRow[]> {
  await session.open(EXPORT_PAGE, 'the export page');
  const answer = await session.fetch(EXPORT_FILE, {}, 'the inventory export');
  const type = answer.headers['content-type'] ?? '';
  if (!/csv|text\/plain|octet-stream/i.test(type)) throw garbage('the inventory export');
  return parseExport(answer.text);
}
