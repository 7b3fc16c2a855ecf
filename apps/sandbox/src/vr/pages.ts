import { PHOTO_BOXES, PROCESSING_DAYS, type FormValues } from './form.js';
import { TOP_CATEGORIES, titleOf, type VrItem } from './store.js';

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function layout(title: string, body: string, base: string | null): string {
  const nav = base
    ? `<nav class="dealer_nav"><a href="${base}/account">My account</a> <a href="${base}/account/items">My items</a> <a href="${base}/instruments/add_edit_item">Add an item</a> <a href="${base}/instruments/export_inventory">Export inventory</a> <a href="${base}/logout">Log out</a></nav>`
    : '';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)} | Vintage &amp; Rare</title></head>
<body><header><a class="logo" href="${base ?? '/'}">Vintage &amp; Rare</a>${nav}</header>
<main>${body}</main>
<footer>&copy; Vintage &amp; Rare</footer></body></html>`;
}

export function loginPage(base: string, error?: string, username = ''): string {
  return layout(
    'Log in',
    `<h1>Dealer log in</h1>
${error ? `<div class="alert alert-danger error_msg" id="login_error">${esc(error)}</div>` : ''}
<form id="frm_login" name="frm_login" method="post" action="${base}/do_login">
  <input type="hidden" name="open_where" value="header">
  <label>Username or email <input type="text" name="username" value="${esc(username)}"></label>
  <label>Password <input type="password" name="pass"></label>
  <button type="submit" id="btn_login">Log in</button>
</form>`,
    null,
  );
}

export function accountPage(base: string): string {
  return layout('My account', `<h1>My account</h1><p class="welcome">Welcome back to your dealer account.</p>`, base);
}

export function exportPage(base: string): string {
  return layout(
    'Export inventory',
    `<h1>Export inventory</h1>
<p>Download every item of your account, sold ones included, as a CSV file.</p>
<a class="btn" id="btn_export_inventory" href="${base}/instruments/export_inventory/export_inventory">Export inventory</a>`,
    base,
  );
}

export function itemsPage(base: string, items: VrItem[], page: number, pages: number, banner: string | null): string {
  const rows = items
    .map(
      (i) =>
        `<tr class="item_row" data-product-id="${i.productId}" data-sold="${i.sold ? 'yes' : 'no'}"><td>${i.productId}</td><td>${esc(titleOf(i))}</td><td>${esc(i.externalId)}</td><td>${(i.priceCents / 100).toFixed(2)}</td><td>${i.sold ? 'Sold' : i.inInventory ? 'For sale' : 'Withdrawn'}</td><td><a href="${base}/instruments/add_edit_item/${i.productId}">Edit</a></td></tr>`,
    )
    .join('\n');
  const pager = pages > 1 ? `<p class="pager">Page ${page} of ${pages}${page < pages ? ` <a rel="next" href="${base}/account/items?page=${page + 1}">Next</a>` : ''}</p>` : '';
  return layout(
    'My items',
    `<h1>My items</h1>
${banner ? `<div class="alert alert-success" id="items_banner">${esc(banner)}</div>` : ''}
<table id="dealer_items"><thead><tr><th>Id</th><th>Item</th><th>Reference</th><th>Price</th><th>Status</th><th></th></tr></thead>
<tbody>${rows}</tbody></table>${pager}`,
    base,
  );
}

export function publishedPage(base: string): string {
  return layout('Item published', `<h1>Thank you</h1><p class="published_msg">Your item is now published and live on Vintage &amp; Rare.</p><p><a href="${base}/account/items">Back to my items</a></p>`, base);
}

const input = (name: string, label: string, value: string) => `<label>${label} <input type="text" name="${name}" value="${esc(value)}"></label>`;

export function itemFormPage(base: string, action: string, values: FormValues, opts: { error?: string; productId?: number; sold?: boolean }): string {
  const categories = [`<option value="">Choose a category</option>`, ...TOP_CATEGORIES.map((c) => `<option value="${esc(c)}"${c === values.categ_level_0 ? ' selected' : ''}>${esc(c)}</option>`)].join('');
  const days = PROCESSING_DAYS.map((d) => `<option value="${d}"${String(d) === values.processing_time ? ' selected' : ''}>${d} ${d === 1 ? 'Day' : 'Days'}</option>`).join('');
  const photos = Array.from({ length: PHOTO_BOXES }, (_, i) => input(`upload_file_box_${i + 1}`, `Photo ${i + 1}`, values.images[i] ?? '')).join('\n  ');
  const editing = opts.productId !== undefined;
  return layout(
    editing ? 'Edit item' : 'Add an item',
    `<h1>${editing ? `Edit item ${opts.productId}` : 'Add an item'}</h1>
${opts.sold ? '<p class="item_status">This item is marked as sold.</p>' : ''}
${opts.error ? `<div class="alert alert-danger error_msg" id="form_error">${esc(opts.error)}</div>` : ''}
<form id="frm_step1" name="frm_step1" method="post" action="${action}"${editing ? ` data-product-sold="${opts.sold ? 'yes' : 'no'}"` : ''}>
  <label>Category <select name="categ_level_0">${categories}</select></label>
  ${input('categ_level_1', 'Sub-category', values.categ_level_1)}
  ${input('categ_level_2', 'Sub-category', values.categ_level_2)}
  ${input('categ_level_3', 'Sub-category', values.categ_level_3)}
  ${input('recipient_name', 'Brand', values.recipient_name)}
  ${input('model_name', 'Model', values.model_name)}
  ${input('year', 'Year', values.year)}
  ${input('decade', 'Decade', values.decade)}
  ${input('finish_color', 'Finish', values.finish_color)}
  <label>Description <textarea name="item_desc" rows="12">${esc(values.item_desc)}</textarea></label>
  ${input('price', 'Price', values.price)}
  ${input('external_id', 'Your reference', values.external_id)}
  <label>Processing time <select name="processing_time">${days}</select></label>
  ${photos}
  <button type="submit" name="btn_submit" id="btn_publish" value="publish">Publish</button>
</form>`,
    base,
  );
}

export function maintenancePage(): string {
  return layout('Maintenance', `<h1>We'll be right back</h1><p class="maintenance_msg">Vintage &amp; Rare is down for scheduled maintenance. Please try again later.</p>`, null);
}

export function errorPage(status: number, message: string): string {
  return layout(`Error ${status}`, `<h1>Error ${status}</h1><p class="error_page">${esc(message)}</p>`, null);
}

/** The interstitial Cloudflare puts in front of a site it protects. */
export function challengePage(): string {
  return `<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title><meta http-equiv="refresh" content="390"></head><body><div class="main-wrapper" role="main"><h1>www.vintageandrare.com</h1><h2>Checking if the site connection is secure</h2><p>Vintage &amp; Rare needs to review the security of your connection before proceeding.</p></div></body></html>`;
}
