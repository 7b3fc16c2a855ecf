import { stringify } from 'csv-stringify/sync';
import { centsToAmount } from '../canonical.js';
/** The export's columns in the site's order; every row, the header included, ends with an empty column. */
export const EXPORT_COLUMNS = [
    'brand name',
    'category name',
    'product id',
    'external id',
    'product model name',
    'product price',
    'product price notax',
    'product description',
    'product year',
    'product sold',
    'product finish',
    'product in collective',
    'product in inventory',
    'product in reseller',
    'collective discount',
    'free shipping',
    'buy now',
    'show vat',
    'decade',
    'product order',
    'local pickup',
    'available for shipment',
    'processing time',
    'offer discount',
    'image url',
    'video url',
    'external link',
];
const UK_VAT = 0.2;
const flag = (b) => (b ? 'yes' : 'no');
function row(item, order, tree, extra) {
    const notax = item.showVat ? Math.round(item.priceCents / (1 + UK_VAT)) : item.priceCents;
    return [
        item.brand,
        tree.pathName(item.categoryIds),
        String(item.productId),
        item.externalId,
        item.model,
        centsToAmount(item.priceCents),
        centsToAmount(notax),
        item.description,
        item.year,
        flag(item.sold),
        item.finish,
        'no',
        flag(item.inInventory),
        'no',
        '0',
        flag(item.freeShipping),
        flag(!item.sold && item.inInventory),
        flag(item.showVat),
        item.decade,
        String(order),
        flag(item.localPickup),
        flag(!item.localPickup || item.freeShipping),
        `${item.processingTime} ${item.processingTime === 1 ? item.processingUnit.replace(/s$/, '') : item.processingUnit}`,
        '0',
        item.photos.map((p) => p.url).join('|'),
        item.videoUrl,
        item.externalLink,
        ...Array.from({ length: extra }, () => ''),
        '',
    ];
}
/** Every item of the account, sold ones included, in product id order; `extraColumns` after the known ones. */
export function exportCsv(items, tree, extraColumns = []) {
    const records = [[...EXPORT_COLUMNS, ...extraColumns, ''], ...items.map((item, i) => row(item, i + 1, tree, extraColumns.length))];
    // Quote any field holding a carriage return too: descriptions pasted from Windows carry them.
    return stringify(records, { record_delimiter: 'windows', quoted_match: /\r/ });
}
//# sourceMappingURL=export-csv.js.map