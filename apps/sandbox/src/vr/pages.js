import { DECADES, PROCESSING_UNITS } from './form.js';
import { SHIPPING_DESTINATIONS, titleOf } from './store.js';
export function esc(s) {
    return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
/** Every page carries the header: the login form for a visitor, the dealer's links and "Logout" once logged in. */
function layout(base, title, body, user) {
    const header = user.loggedIn
        ? `<nav class="dealer_nav"><a href="${base}/account">My account</a> <a href="${base}/account/items">My items</a> <a href="${base}/instruments/add_edit_item">Add an item</a> <a href="${base}/instruments/export_inventory">Export inventory</a> <a id="logout_link" href="${base}/logout">Logout</a></nav>`
        : `<form id="frm_login_header" name="frm_login_header" method="post" action="${base}/do_login">
  <input type="hidden" name="open_where" value="header">
  <input type="text" name="username" placeholder="Username or email"> <input type="password" name="pass" placeholder="Password">
  <a href="javascript:void(0)" id="btn_login_header" onclick="document.getElementById('frm_login_header').submit()">Log in</a>
</form>${user.error ? `<div class="alert alert-danger error_msg" id="login_error">${esc(user.error)}</div>` : ''}`;
    return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)} | Vintage &amp; Rare</title></head>
<body><header><a class="logo" href="${base}/">Vintage &amp; Rare</a>${header}</header>
${user.flash ? `<div class="alert alert-success flash_msg" id="flash_msg">${esc(user.flash)}</div>` : ''}
<main>${body}</main>
<footer>&copy; Vintage &amp; Rare</footer></body></html>`;
}
export function homePage(base, loggedIn, error) {
    return layout(base, 'Vintage guitars, basses and amps', `<h1 class="home_title">Vintage &amp; Rare</h1><p>Vintage and rare musical instruments from dealers around the world.</p>`, { loggedIn, error });
}
export function accountPage(base, flash) {
    return layout(base, 'My account', `<h1>My account</h1><p class="welcome">Welcome back to your dealer account.</p>`, { loggedIn: true, flash });
}
export function exportPage(base) {
    return layout(base, 'Export inventory', `<h1>Export inventory</h1>
<p>Download every item of your account, sold ones included, as a CSV file.</p>
<a class="btn" id="btn_export_inventory" href="${base}/instruments/export_inventory/export_inventory">Export inventory</a>`, { loggedIn: true });
}
export function itemsPage(base, items, page, pages, flash) {
    const rows = items
        .map((i) => `<tr class="item_row" data-product-id="${i.productId}" data-sold="${i.sold ? 'yes' : 'no'}"><td>${i.productId}</td><td>${esc(titleOf(i))}</td><td>${(i.priceCents / 100).toFixed(2)}</td><td>${i.sold ? 'Sold' : i.inInventory ? 'For sale' : 'Withdrawn'}</td><td><a href="${base}/instruments/add_edit_item/${i.productId}">Edit</a></td></tr>`)
        .join('\n');
    const pager = pages > 1 ? `<p class="pager">Page ${page} of ${pages}${page < pages ? ` <a rel="next" href="${base}/account/items?page=${page + 1}">Next</a>` : ''}</p>` : '';
    return layout(base, 'My items', `<h1>My items</h1>
<table id="dealer_items"><thead><tr><th>Id</th><th>Item</th><th>Price</th><th>Status</th><th></th></tr></thead>
<tbody>${rows}</tbody></table>${pager}`, { loggedIn: true, flash });
}
export const PUBLISHED = 'Your item is now published and live on vintageandrare.com';
export function publishedPage(base) {
    return layout(base, 'Item published', `<h1>Thank you</h1><p class="published_msg">${PUBLISHED}</p><p><a href="${base}/account/items">Back to my items</a></p>`, { loggedIn: true });
}
function options(values, selected, placeholder) {
    return [`<option value="">${esc(placeholder)}</option>`, ...values.map((o) => `<option value="${esc(o.value)}"${o.value === selected ? ' selected' : ''}>${esc(o.label)}</option>`)].join('');
}
function existingPhoto(p) {
    return `<div class="dz-preview dz-complete dz-existing" data-media-id="${p.mediaId}"><img class="dz-image" src="${esc(p.url)}" alt="">
  <input type="hidden" name="thumb_name[]" value=""><input type="hidden" name="file_unique_id[]" value=""><input type="hidden" name="product_media_id[]" value="${p.mediaId}">
  <input type="hidden" name="original_name[]" value=""><input type="hidden" name="media_type[]" value="photo"><input type="hidden" name="size[]" value="0"><input type="hidden" name="new_upload[]" value="0">
  <a class="dz-remove" href="javascript:void(0)">Remove file</a></div>`;
}
/**
 * The add/edit form `frm_step1`. Lower category levels are filled by script after their parent's
 * change; the brand's id is set by the autosuggest's check; the description lives in a rich-text
 * editor whose content replaces the textarea's on submit; photos go through Dropzone; the
 * "Publish item" link submits by script.
 */
export function itemFormPage(base, action, values, tree, opts) {
    const levels = [values.categ_level_0, values.categ_level_1, values.categ_level_2, values.categ_level_3];
    const selects = levels
        .map((value, n) => {
        const parent = n === 0 ? null : levels[n - 1];
        const shown = n === 0 || (parent !== '' && tree.children(parent).length > 0);
        const choices = n === 0 || shown ? tree.children(parent).map((c) => ({ value: c.id, label: c.name })) : [];
        return `<select name="categ_level_${n}" id="categ_level_${n}" class="categ_select" data-level="${n}"${shown ? '' : ' style="display:none"'}>${options(choices, value, n === 0 ? 'Choose a category' : 'Choose a sub-category')}</select>`;
    })
        .join('\n  ');
    const decades = options(DECADES.map((d) => ({ value: d, label: `${d}s` })), values.decade, 'Decade');
    const units = PROCESSING_UNITS.map((u) => `<option value="${u}"${u === values.hours_days_sel ? ' selected' : ''}>${u}</option>`).join('');
    const shipping = SHIPPING_DESTINATIONS.map((d, i) => `<div class="shipping_row"><label>${esc(d)} <input type="text" name="shipping_fees_fee[]" value="${esc(values.shipping_fees_fee[i] ?? '')}"></label><input type="hidden" name="shipping_fees_destination[]" value="${esc(d)}"></div>`).join('\n  ');
    const item = opts.item;
    const text = (name, label, value) => `<label>${label} <input type="text" name="${name}" id="${name}" value="${esc(value)}"></label>`;
    return layout(base, item ? 'Edit item' : 'Add an item', `<h1>${item ? `Edit item ${item.productId}` : 'Add an item'}</h1>
${item?.sold ? '<p class="item_status">This item is marked as sold.</p>' : ''}
${opts.error ? `<div class="alert alert-danger error_msg" id="form_error">${esc(opts.error)}</div>` : ''}
<form id="frm_step1" name="frm_step1" method="post" enctype="multipart/form-data" action="${action}"${item ? ` data-product-sold="${item.sold ? 'yes' : 'no'}"` : ''}>
  <input type="hidden" name="unique_id" value="${esc(opts.uniqueId)}">
  <input type="hidden" name="owner_id" value="${opts.userId}">
  <input type="hidden" name="product_id" value="${item?.productId ?? 0}">
  <input type="hidden" name="version" value="2">
  <div class="categories">${selects}</div>
  <label>Brand <input type="text" name="recipient_name" id="recipient_name" autocomplete="off" value="${esc(values.recipient_name)}"></label>
  <input type="hidden" name="brand_make_id" id="brand_make_id" value="${esc(values.brand_make_id)}">
  <ul id="brand_suggestions" class="autosuggest" style="display:none"></ul>
  <div id="brand_not_found" class="field_error" style="display:none">We do not know this brand.</div>
  ${text('model_name', 'Model', values.model_name)}
  ${text('finish_color', 'Finish', values.finish_color)}
  ${text('external_url', 'External link', '')}
  ${text('year', 'Year', values.year)}
  <label>Decade <select name="decade" id="decade">${decades}</select></label>
  <label>Description <textarea name="item_desc" id="item_desc" style="display:none">${esc(values.item_desc)}</textarea></label>
  <div id="item_desc_editor" class="mce-content-body" contenteditable="true"></div>
  ${text('price', 'Price', values.price)}
  <label>Processing time <input type="text" name="processing_time" id="processing_time" value="${esc(values.processing_time)}"></label>
  <select name="hours_days_sel" id="hours_days_sel">${units}</select>
  <label><input type="checkbox" name="show_vat" value="1"> Show VAT</label>
  <label><input type="checkbox" name="call_price" value="1"> Call for price</label>
  <label><input type="checkbox" name="buy_now" value="1" checked> Buy now</label>
  <label><input type="checkbox" name="local_pickup" value="1"> Local pickup</label>
  <label><input type="checkbox" name="available_for_shipment" value="1" checked> Available for shipment</label>
  ${shipping}
  <div id="item_dropzone" class="dropzone" data-url="${base}/ajax/dropzone_upload/${opts.userId}">
    <input type="file" class="dz-hidden-input" accept="image/*" multiple style="display:none">
    ${(item?.photos ?? []).map(existingPhoto).join('\n    ')}
  </div>
  <div id="photo_inputs"></div>
  <a href="javascript:void(0)" id="submit_step_1" class="btn btn-primary">Publish item</a>
</form>
<script>${formScript(base)}</script>`, { loggedIn: true, flash: opts.flash ?? null });
}
/** The page's own scripts, as the site's jQuery plugins would behave (written plainly here). */
function formScript(base) {
    return `
(function () {
  var base = ${JSON.stringify(base)};
  var form = document.getElementById('frm_step1');
  var post = function (url, body) {
    return fetch(url, { method: 'POST', credentials: 'include', headers: { 'X-Requested-With': 'XMLHttpRequest', 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8' }, body: body });
  };

  // Categories: a level is filled from the server once its parent changes.
  var selects = Array.prototype.slice.call(document.querySelectorAll('select.categ_select'));
  selects.forEach(function (sel, n) {
    sel.addEventListener('change', function () {
      for (var k = n + 1; k < selects.length; k++) { selects[k].innerHTML = '<option value="">Choose a sub-category</option>'; selects[k].style.display = 'none'; }
      if (!sel.value || n + 1 >= selects.length) return;
      fetch(base + '/ajax/get_subcategories?parent_id=' + encodeURIComponent(sel.value), { credentials: 'include', headers: { 'X-Requested-With': 'XMLHttpRequest' } })
        .then(function (r) { return r.json(); })
        .then(function (children) {
          if (!children.length) return;
          var next = selects[n + 1];
          next.innerHTML = '<option value="">Choose a sub-category</option>' + children.map(function (c) { var o = document.createElement('option'); o.value = c.id; o.textContent = c.name; return o.outerHTML; }).join('');
          next.style.display = '';
        });
    });
  });

  // Brand: autosuggest while typing; the hidden brand id is set once the name is checked.
  var brand = document.getElementById('recipient_name');
  var brandId = document.getElementById('brand_make_id');
  var suggestions = document.getElementById('brand_suggestions');
  var notFound = document.getElementById('brand_not_found');
  var checkBrand = function () {
    brandId.value = '';
    if (!brand.value.trim()) return;
    post(base + '/ajax/check_brand_exists', 'brand_name=' + encodeURIComponent(brand.value.trim()))
      .then(function (r) { return r.text(); })
      .then(function (t) { var id = t.trim(); brandId.value = id !== '0' ? id : ''; notFound.style.display = id === '0' ? '' : 'none'; });
  };
  brand.addEventListener('input', function () {
    brandId.value = '';
    fetch(base + '/ajax/brand_autosuggest?term=' + encodeURIComponent(brand.value), { credentials: 'include', headers: { 'X-Requested-With': 'XMLHttpRequest' } })
      .then(function (r) { return r.json(); })
      .then(function (names) {
        suggestions.innerHTML = names.map(function (n) { var li = document.createElement('li'); li.textContent = n; return li.outerHTML; }).join('');
        suggestions.style.display = names.length ? '' : 'none';
      });
  });
  suggestions.addEventListener('click', function (e) { if (e.target.tagName === 'LI') { brand.value = e.target.textContent; suggestions.style.display = 'none'; checkBrand(); } });
  brand.addEventListener('change', checkBrand);
  if (brand.value.trim()) checkBrand();

  // The rich-text editor: its content, not the textarea's, is what the form posts.
  var area = document.getElementById('item_desc');
  var body = document.getElementById('item_desc_editor');
  body.innerHTML = area.value;
  var editor = {
    id: 'item_desc',
    getBody: function () { return body; },
    getContent: function () { return body.innerHTML; },
    setContent: function (html) { body.innerHTML = html; return body.innerHTML; },
    save: function () { area.value = body.innerHTML; return area.value; },
  };
  window.tinymce = { editors: [editor], activeEditor: editor, get: function (id) { return id === 'item_desc' ? editor : null; }, triggerSave: function () { editor.save(); } };

  // Dropzone: each file goes up alone; the answer becomes the form's photo fields.
  var zone = document.getElementById('item_dropzone');
  var photoInputs = document.getElementById('photo_inputs');
  var photoCount = function () { return zone.querySelectorAll('.dz-existing').length + photoInputs.querySelectorAll('.photo_entry').length; };
  function Dropzone(el, options) { this.element = el; this.options = options; this.files = []; this.handlers = {}; Dropzone.instances.push(this); }
  Dropzone.instances = [];
  Dropzone.forElement = function (el) { if (typeof el === 'string') el = document.querySelector(el); return Dropzone.instances.filter(function (d) { return d.element === el; })[0]; };
  Dropzone.prototype.on = function (ev, fn) { (this.handlers[ev] = this.handlers[ev] || []).push(fn); return this; };
  Dropzone.prototype.emit = function (ev) { var args = Array.prototype.slice.call(arguments, 1); (this.handlers[ev] || []).forEach(function (fn) { fn.apply(null, args); }); };
  Dropzone.prototype.addFile = function (file) {
    var dz = this;
    dz.files.push(file);
    dz.emit('addedfile', file);
    if (photoCount() >= dz.options.maxFiles) { file.status = 'error'; dz.emit('error', file, 'You can not upload any more files.'); dz.emit('complete', file); return; }
    file.status = 'uploading';
    var data = new FormData();
    data.append(dz.options.paramName(0), file, file.name);
    var xhr = new XMLHttpRequest();
    xhr.open('POST', dz.options.url);
    xhr.setRequestHeader('X-Requested-With', 'XMLHttpRequest');
    xhr.onload = function () {
      var answer = null;
      try { answer = JSON.parse(xhr.responseText); } catch (e) { answer = null; }
      var first = answer && answer[0];
      if (xhr.status >= 200 && xhr.status < 300 && first && first.success) { file.status = 'success'; dz.emit('success', file, answer); }
      else { file.status = 'error'; dz.emit('error', file, (first && first.error) || ('Server responded with ' + xhr.status + ' code.')); }
      dz.emit('complete', file);
    };
    xhr.onerror = function () { file.status = 'error'; dz.emit('error', file, 'Upload failed.'); dz.emit('complete', file); };
    xhr.send(data);
  };
  var dz = new Dropzone(zone, { url: zone.dataset.url, maxFiles: ${20}, paramName: function (n) { return 'filename[' + n + ']'; }, acceptedFiles: 'image/*' });
  window.Dropzone = Dropzone;
  var hidden = function (name, value) { var i = document.createElement('input'); i.type = 'hidden'; i.name = name; i.value = value; return i; };
  dz.on('success', function (file, answer) {
    var a = answer[0];
    var entry = document.createElement('div');
    entry.className = 'photo_entry';
    [['thumb_name[]', a.thumbnailName], ['file_unique_id[]', a.file_unique_id], ['product_media_id[]', '0'], ['original_name[]', a.fileName], ['media_type[]', 'photo'], ['size[]', String(a.size)], ['new_upload[]', '1']]
      .forEach(function (p) { entry.appendChild(hidden(p[0], p[1])); });
    photoInputs.appendChild(entry);
  });
  dz.on('error', function (file, message) { file.errorMessage = message; var e = document.createElement('div'); e.className = 'dz-error-message'; e.textContent = message; zone.appendChild(e); });
  zone.querySelector('.dz-hidden-input').addEventListener('change', function (e) { Array.prototype.forEach.call(e.target.files, function (f) { dz.addFile(f); }); });
  zone.addEventListener('click', function (e) {
    if (!e.target.classList.contains('dz-remove')) return;
    var preview = e.target.closest('.dz-existing');
    form.appendChild(hidden('delete_item_images[]', preview.dataset.mediaId));
    preview.remove();
  });

  document.getElementById('submit_step_1').addEventListener('click', function (e) {
    e.preventDefault();
    window.tinymce.triggerSave();
    form.submit();
  });
})();`;
}
export function maintenancePage() {
    return `<!DOCTYPE html><html lang="en"><head><title>Maintenance | Vintage &amp; Rare</title></head><body><h1>We'll be right back</h1><p class="maintenance_msg">Vintage &amp; Rare is down for scheduled maintenance. Please try again later.</p></body></html>`;
}
export function errorPage(base, status, message, loggedIn = false) {
    return layout(base, `Error ${status}`, `<h1>Error ${status}</h1><p class="error_page">${esc(message)}</p>`, { loggedIn });
}
/** The interstitial Cloudflare puts in front of a site it protects; its scripts live under /cdn-cgi/. */
export function challengePage() {
    return `<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title><meta http-equiv="refresh" content="390"></head><body><div class="main-wrapper" role="main"><h1>www.vintageandrare.com</h1><h2>Checking if the site connection is secure</h2><p>www.vintageandrare.com needs to review the security of your connection before proceeding.</p><noscript>Enable JavaScript and cookies to continue</noscript></div><script src="/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1?ray=8c0f0e0d0c0b0a09"></script></body></html>`;
}
//# sourceMappingURL=pages.js.map