import { gunzipSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { type Money, parseAmount } from '@gearsync/core';

/** One line of eBay's ActiveInventoryReport: a live listing's SKU, item id, price and quantity. */
export interface ActiveLine {
  sku: string;
  itemId: string;
  price: Money | null;
  quantity: number;
}

/**
 * The first file of a zip archive (how eBay hands out LMS reports). A gzip file or a plain file
 * is taken as it is: eBay's docs allow compressed or uncompressed results.
 */
export function unpackReport(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return gunzipSync(bytes).toString('utf8');
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) return bytes.toString('utf8');
  const [first] = Object.values(unzipSync(new Uint8Array(bytes)));
  if (!first) throw new Error('a zip file with no file in it');
  return Buffer.from(first).toString('utf8');
}

function unescapeXml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

function tag(block: string, name: string): { value: string; attrs: string } | null {
  const m = new RegExp(`<${name}(\\s[^>]*)?>([^<]*)</${name}>`).exec(block);
  return m ? { value: unescapeXml(m[2]!.trim()), attrs: m[1] ?? '' } : null;
}

/**
 * The report's `SKUDetails`, one per live listing with a SKU (a listing without one, or a
 * multi-variation listing's parent, cannot be matched by SKU and is left out). `Price` carries
 * its currency in `currencyID`; without it the marketplace's currency is meant.
 */
export function parseActiveReport(xml: string, currency: string): ActiveLine[] {
  if (/<Ack>\s*Failure\s*<\/Ack>/.test(xml) && !/<SKUDetails>/.test(xml)) {
    const message = tag(xml, 'LongMessage')?.value ?? tag(xml, 'ShortMessage')?.value ?? 'no message';
    throw new Error(`the report failed: ${message}`);
  }
  const lines: ActiveLine[] = [];
  for (const block of xml.match(/<SKUDetails>[\s\S]*?<\/SKUDetails>/g) ?? []) {
    const sku = tag(block, 'SKU')?.value;
    const itemId = tag(block, 'ItemID')?.value;
    if (!sku || !itemId || /<Variations>/.test(block)) continue;
    const price = tag(block, 'Price');
    let money: Money | null = null;
    if (price) {
      const id = /currencyID="([A-Z]{3})"/.exec(price.attrs)?.[1] ?? currency;
      try {
        money = { cents: parseAmount(Number(price.value).toFixed(2)), currency: id };
      } catch {
        money = null;
      }
    }
    const quantity = Number(tag(block, 'Quantity')?.value ?? 'NaN');
    lines.push({ sku, itemId, price: money, quantity: Number.isInteger(quantity) ? quantity : 0 });
  }
  return lines;
}
