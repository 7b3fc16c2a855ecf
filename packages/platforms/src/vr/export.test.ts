import { PlatformError } from '../errors.js';
import { parseExport } from './export.js';
import { VR_EXPORT_COLUMNS } from './mapping.js';

const header = `${VR_EXPORT_COLUMNS.join(',')},`;

function line(cells: Partial<Record<(typeof VR_EXPORT_COLUMNS)[number], string>>): string {
  return `${VR_EXPORT_COLUMNS.map((c) => cells[c] ?? '').join(',')},`;
}

describe('parseExport', () => {
  test('reads quoted fields with commas, doubled quotes and line breaks', () => {
    const csv = [
      header,
      line({ 'brand name': 'Fender', 'product id': '17', 'product description': '"Clean, ""player"" grade\r\nRefret 1998\r\n\r\nCase included"', 'image url': 'https://a/1.jpg|https://a/2.jpg' }),
      line({ 'brand name': '"Gretsch, Inc"', 'product id': '18', 'product sold': 'yes' }),
      '',
    ].join('\r\n');
    const rows = parseExport(csv);
    expect(rows).toHaveLength(2);
    expect(rows[0]!['product description']).toBe('Clean, "player" grade\r\nRefret 1998\r\n\r\nCase included');
    expect(rows[0]!['image url']).toBe('https://a/1.jpg|https://a/2.jpg');
    expect(rows[1]!['brand name']).toBe('Gretsch, Inc');
    expect(rows[1]!['product sold']).toBe('yes');
  });

  test('an account with no items is a header alone', () => {
    expect(parseExport(`\ufeff${header}\r\n`)).toEqual([]);
  });

  test('columns are found by name: extra ones are ignored, in any place', () => {
    const names = ['Extra First', ...VR_EXPORT_COLUMNS.map((c) => c.toUpperCase()), 'shipping weight', ''];
    const cells = names.map((n) => (n === 'PRODUCT ID' ? '42' : n === 'BRAND NAME' ? 'Vox' : n === 'shipping weight' ? '12kg' : ''));
    const rows = parseExport([names.join(','), cells.join(','), ''].join('\r\n'));
    expect(rows).toEqual([expect.objectContaining({ 'product id': '42', 'brand name': 'Vox' })]);
    expect(rows[0]).not.toHaveProperty('shipping weight');
  });

  test('a known column missing is a clear, permanent error naming it', () => {
    const err = (() => {
      try {
        parseExport(header.replace('product id,', ''));
      } catch (e) {
        return e as PlatformError;
      }
      return null;
    })();
    expect(err).toMatchObject({ kind: 'permanent', details: { code: 'site_changed' } });
    expect(err!.message).toContain('"product id"');
  });

  test('HTML, ragged rows and empty bodies are PlatformErrors, not empty results', () => {
    const bad = ['<!DOCTYPE html><html><body><div class="conta', `${header}\r\n1,2,3`, ''];
    for (const text of bad) {
      expect(() => parseExport(text)).toThrow(PlatformError);
      try {
        parseExport(text);
      } catch (err) {
        expect((err as PlatformError).kind).toBe('transient');
      }
    }
  });
});
