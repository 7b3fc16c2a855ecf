import type { Listing } from '@gearsync/core';
import { PlatformError } from '../errors.js';
import { VR_EXPORT_COLUMNS, descriptionHtml, descriptionText, findBySkuIn, findMade, heldListing, listingToForm, parseVrPrice, rowToListing, type VrExportRow } from './mapping.js';

function row(cells: Partial<VrExportRow>): VrExportRow {
  return { ...(Object.fromEntries(VR_EXPORT_COLUMNS.map((c) => [c, ''])) as VrExportRow), 'product sold': 'no', 'product in inventory': 'yes', ...cells };
}

const listing: Listing = {
  externalId: '',
  sku: 'GS-1',
  title: '1965 Fender Stratocaster in Sunburst',
  description: 'Line one\nLine two',
  price: { cents: 1850050, currency: 'USD' },
  quantity: 1,
  condition: 'excellent',
  images: ['https://img/1.jpg', 'https://img/2.jpg'],
  state: 'active',
  brand: 'Fender',
  model: 'Stratocaster',
  year: 1965,
  finish: 'Sunburst',
  category: 'Guitars>Electric solid body',
  platformCategory: ['51', '83'],
};

describe('rowToListing', () => {
  test('maps a row to canonical terms: no condition, one unit, title from brand and model', () => {
    const l = rowToListing(
      row({
        'brand name': 'Fender',
        'product model name': 'Stratocaster',
        'product id': '410001',
        'external id': 'GS-1',
        'product price': '18500.50',
        'product description': 'Line one\r\nLine two',
        'product year': '1965',
        'product finish': 'Sunburst',
        'category name': 'Guitars>Electric solid body',
        'image url': 'https://img/1.jpg|https://img/2.jpg',
      }),
      'USD',
      (path) => (path === 'Guitars>Electric solid body' ? ['51', '83'] : undefined),
    );
    expect(l).toEqual({ ...listing, externalId: '410001', title: 'Fender Stratocaster', condition: null });
    // A category the adapter cannot map to ids is left out, so it is not compared.
    expect(rowToListing(row({ 'product id': '1', 'product price': '10', 'category name': 'Mystery' }), 'USD', () => undefined)).not.toHaveProperty('platformCategory');
  });

  test('sold, withdrawn and SKU-less items', () => {
    expect(rowToListing(row({ 'product id': '1', 'product price': '10', 'product sold': 'yes' }), 'USD')).toMatchObject({ state: 'sold', quantity: 0 });
    expect(rowToListing(row({ 'product id': '1', 'product price': '10', 'product in inventory': 'no' }), 'USD')).toMatchObject({ state: 'ended', quantity: 0 });
    expect(rowToListing(row({ 'product id': '1', 'product price': '10' }), 'USD')).toMatchObject({ state: 'active', quantity: 1, sku: null, images: [], year: null, category: null });
  });

  test('a row without an id or price is a transient PlatformError', () => {
    expect(() => rowToListing(row({ 'product id': '', 'product price': '10' }), 'USD')).toThrow(PlatformError);
    expect(() => rowToListing(row({ 'product id': '5', 'product price': 'POA' }), 'USD')).toThrow(PlatformError);
  });

  test('prices with and without decimals or thousands separators', () => {
    expect(parseVrPrice('1299')).toBe(129900);
    expect(parseVrPrice('1,299.5')).toBe(129950);
    expect(parseVrPrice('12,99')).toBeNull();
    expect(parseVrPrice('')).toBeNull();
  });
});

describe('listingToForm and heldListing', () => {
  test('the form gets the category ids, brand, model, decade and a decimal price', () => {
    expect(listingToForm(listing, 'USD')).toEqual({
      categoryIds: ['51', '83'],
      brand: 'Fender',
      model: 'Stratocaster',
      year: '1965',
      decade: '1960',
      finish: 'Sunburst',
      description: '<p>Line one<br>Line two</p>',
      price: '18500.50',
      photos: listing.images,
    });
  });

  test('no category ids, more than four levels, no brand or more than 20 photos are refused', () => {
    expect(() => listingToForm({ ...listing, platformCategory: undefined }, 'USD')).toThrow(/no V&R category ids/);
    expect(() => listingToForm({ ...listing, platformCategory: ['1', '2', '3', '4', '5'] }, 'USD')).toThrow(PlatformError);
    expect(() => listingToForm({ ...listing, brand: ' ' }, 'USD')).toThrow(/brand/);
    expect(() => listingToForm({ ...listing, images: Array.from({ length: 21 }, (_, i) => `https://img/${i}.jpg`) }, 'USD')).toThrow(/at most 20/);
  });

  test('without a model the title less the brand is the model', () => {
    expect(listingToForm({ ...listing, model: null, title: 'Fender Jaguar' }, 'USD').model).toBe('Jaguar');
  });

  test('another currency than the account one is refused, not converted', () => {
    expect(() => listingToForm({ ...listing, price: { cents: 100, currency: 'GBP' } }, 'USD')).toThrow(/GBP/);
  });

  test('what V&R holds after a write reads the same as its export row', () => {
    const exported = rowToListing(
      row({
        'brand name': 'Fender',
        'product model name': 'Stratocaster',
        'product id': '7',
        'product price': '18500.50',
        'product description': 'Line one\r\nLine two',
        'product year': '1965',
        'product finish': 'Sunburst',
        'category name': 'Guitars>Electric solid body',
        'image url': 'https://img/1.jpg|https://img/2.jpg',
      }),
      'USD',
      () => ['51', '83'],
    );
    expect(heldListing(listing, '7', false, 'USD')).toEqual(exported);
    const photos = listing.images.map((source, i) => ({ source, url: `https://vr/uploads/${i}.jpg` }));
    expect(heldListing(listing, '7', false, 'USD', photos).photos).toEqual(photos);
  });
});

describe('descriptions through the rich-text editor', () => {
  test('plain text is written as the editor keeps it and read back to the same text; HTML stays HTML', () => {
    const text = 'Case & strap <3\nRefret "1998"\n\n\u00a0end';
    const html = descriptionHtml(text);
    expect(html).toBe('<p>Case &amp; strap &lt;3<br>Refret "1998"<br><br>&nbsp;end</p>');
    expect(descriptionText(html)).toBe(text);
    expect(descriptionText(html.replace(/<br>/g, '<br>\r\n').replace(/\r\n/g, '\n').replace(/<br>\n/g, '<br>'))).toBe(text);
    const own = '<p>Plays <strong>great</strong></p><ul><li>Case</li></ul>';
    expect(descriptionHtml(own)).toBe(own);
    expect(descriptionText(own)).toBe(own);
    expect(descriptionText('<p>typed <b>by hand</b></p>')).toBe('<p>typed <b>by hand</b></p>');
    expect(descriptionText('plain as the export gives it')).toBe('plain as the export gives it');
    expect(descriptionHtml('')).toBe('');
  });
});

describe('finding an item V&R did not name', () => {
  const form = listingToForm(listing, 'USD');
  const strat = { 'brand name': 'fender', 'product model name': 'stratocaster', 'product year': '1965', 'product price': '18500.50' };

  test('the form keeps no SKU: the item made is the newest unsold one with our brand, model, year and price, any case', () => {
    const rows = [
      row({ 'product id': '3', ...strat }),
      row({ 'product id': '4', ...strat, 'product year': '1966' }),
      row({ 'product id': '5', ...strat, 'brand name': 'Gibson' }),
      row({ 'product id': '6', ...strat, 'product price': '18000.00' }),
      row({ 'product id': '7', ...strat, 'product sold': 'yes' }),
      row({ 'product id': '8', ...strat, 'external id': 'GS-1' }),
    ];
    expect(findMade(rows, form)?.['product id']).toBe('8');
    expect(findMade(rows.slice(0, 5), form)?.['product id']).toBe('3');
    expect(findMade(rows.slice(1, 5), form)).toBeNull();
  });

  test('an item known to be older (the withdrawn one a relist replaces) and all before it are ruled out', () => {
    const rows = [row({ 'product id': '3', ...strat }), row({ 'product id': '9', ...strat, 'product in inventory': 'no' })];
    expect(findMade(rows, form, 3)?.['product id']).toBe('9');
    expect(findMade(rows, form, 9)).toBeNull();
  });

  test('by SKU only where the dealer imported the item with one, the newest of several', () => {
    const rows = [row({ 'product id': '3', 'external id': 'GS-1' }), row({ 'product id': '9', 'external id': 'GS-1' }), row({ 'product id': '12' })];
    expect(findBySkuIn(rows, 'GS-1')?.['product id']).toBe('9');
    expect(findBySkuIn(rows, 'GS-2')).toBeNull();
  });
});
