// The Sync Now page. Plain DOM, no framework; every call goes to /api with the session cookie.
'use strict';

// Served from core's table of run statuses and moves (/assets/run-states.js).
const ACTIVE = window.RUN_STATES.active;
const canMove = (move, status) => window.RUN_STATES.moves[move].from.includes(status);
const STAGE_ORDER = ['snapshot', 'plan', 'execute', 'report'];
const STAGE_LABEL = { queued: 'waiting to start', snapshotting: 'reading every platform', planning: 'planning' };
const $ = (id) => document.getElementById(id);

let currentRunId = null;
let pollTimer = null;
let productsAfter = null;

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : String(c));
  return el;
}

async function api(method, path, body) {
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 401) {
    location.href = '/login?next=/';
    throw new Error('signed out');
  }
  const data = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) throw new Error((data && data.error && data.error.message) || `HTTP ${res.status}`);
  return data;
}

const when = (iso) => (iso ? new Date(iso).toLocaleString() : '');
const ms = (n) => (typeof n === 'number' ? (n >= 1000 ? `${(n / 1000).toFixed(1)} s` : `${n} ms`) : '');

function fill(tbody, rows) {
  tbody.replaceChildren(...rows);
}

async function startRun(dryRun) {
  const message = $('sync-message');
  message.textContent = dryRun ? 'Planning a dry run…' : 'Starting…';
  try {
    const ticket = await api('POST', '/api/sync', dryRun ? { dryRun: true } : {});
    message.textContent = ticket.deduplicated
      ? 'Sync Now joined the run already going.'
      : dryRun ? 'Dry run started: it stops after planning and changes nothing.' : 'Run started.';
    await showRun(ticket.runId);
    loadRuns();
  } catch (err) {
    message.textContent = `Could not start: ${err.message}`;
  }
}

function progressBars(run) {
  const box = $('run-progress');
  if (!ACTIVE.includes(run.status)) {
    box.replaceChildren();
    return;
  }
  const items = [];
  if (run.status !== 'executing') {
    items.push(h('div', { class: 'bar' }, h('label', {}, STAGE_LABEL[run.status] || run.status, ' ', h('progress', { 'data-stage': run.status }))));
  } else {
    const by = (run.progress && run.progress.byPlatform) || {};
    for (const p of run.platforms) {
      const s = by[p] || { total: 0, done: 0, failed: 0 };
      items.push(
        h('div', { class: 'bar' },
          h('label', {}, h('span', { class: 'platform' }, p), ' ',
            h('progress', { max: Math.max(s.total, 1), value: s.total ? s.done : 1, 'data-platform': p }),
            ` ${s.done} / ${s.total}`, s.failed ? ` (${s.failed} failed)` : '')),
      );
    }
  }
  box.replaceChildren(...items);
}

function report(run) {
  const summary = run.summary;
  $('report').hidden = !summary;
  if (!summary) return;
  const rows = [];
  for (const [platform, kinds] of Object.entries(summary.platforms || {})) {
    for (const [kind, c] of Object.entries(kinds || {})) {
      rows.push(h('tr', {}, h('td', {}, platform), h('td', {}, kind), h('td', {}, c.planned), h('td', {}, c.succeeded), h('td', { class: c.failed ? 'bad' : '' }, c.failed)));
    }
  }
  if (!rows.length) rows.push(h('tr', {}, h('td', { colspan: 5 }, 'Nothing needed changing.')));
  fill($('report-table').tBodies[0], rows);

  const facts = [
    ['Sales detected', summary.salesDetected],
    ['Orphans', summary.orphans],
    ['Drift corrected', summary.drift],
    ['API calls', Object.entries(summary.apiCalls || run.apiCalls || {}).map(([p, n]) => `${p} ${n}`).join(', ') || '0'],
  ];
  for (const [p, info] of Object.entries(run.snapshot || {})) {
    if (info && info.complete === false) facts.push([`${p} snapshot`, `incomplete${info.error ? `: ${info.error}` : ''}`]);
  }
  $('report-facts').replaceChildren(...facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v === undefined ? '' : v)]));
  const order = (name) => { const i = STAGE_ORDER.indexOf(name); return i < 0 ? STAGE_ORDER.length : i; };
  const stages = Object.entries(run.stages || {}).sort(([a], [b]) => order(a) - order(b));
  fill($('stage-table').tBodies[0], stages.map(([stage, t]) => h('tr', {}, h('td', {}, stage), h('td', {}, ms(t && t.ms)))));
}

async function failedActions(run) {
  const show = run.progress && run.progress.failed > 0 && !ACTIVE.includes(run.status);
  $('failed').hidden = !show;
  if (!show) return;
  $('retry-failed').hidden = !canMove('retry', run.status);
  const list = await api('GET', `/api/sync/runs/${run.runId}/actions?status=failed&limit=500`);
  fill($('failed-actions').tBodies[0], list.map((a) => h('tr', {}, h('td', {}, a.platform), h('td', {}, a.sku || ''), h('td', {}, a.kind), h('td', {}, a.attempts), h('td', { class: 'bad' }, a.error || ''))));
}

async function plan(run) {
  const show = run.status === 'awaiting_approval' || run.status === 'planned';
  $('plan').hidden = !show;
  $('held').hidden = !canMove('approve', run.status);
  if (!show) return;
  const list = await api('GET', `/api/sync/runs/${run.runId}/actions?status=planned&limit=1000`);
  const rows = list.map((a) => h('tr', { class: a.kind === 'end' || a.kind === 'delete' ? 'destructive' : '' }, h('td', {}, a.platform), h('td', {}, a.sku || ''), h('td', {}, a.kind), h('td', {}, a.reason)));
  if (!rows.length) rows.push(h('tr', {}, h('td', { colspan: 4 }, 'Nothing to do.')));
  fill($('plan-table').tBodies[0], rows);
}

async function showRun(runId) {
  currentRunId = runId;
  clearTimeout(pollTimer);
  const run = await api('GET', `/api/sync/runs/${runId}`);
  if (currentRunId !== runId) return;
  $('run').hidden = false;
  $('run').dataset.runId = run.runId;
  $('run-id').textContent = run.runId.slice(0, 8);
  $('run-status').textContent = run.status;
  $('run-status').className = `status ${run.status}`;
  $('run-meta').textContent = `· ${run.trigger}${run.dryRun ? ' · dry run' : ''}${run.skus ? ` · SKUs ${run.skus.join(', ')}` : ''} · ${when(run.createdAt)}${run.finishedAt ? ` → ${when(run.finishedAt)}` : ''}`;
  $('run-error').hidden = !run.error;
  $('run-error').textContent = run.error || '';
  progressBars(run);
  report(run);
  await Promise.all([failedActions(run), plan(run)]);
  if (ACTIVE.includes(run.status)) {
    pollTimer = setTimeout(() => showRun(runId).catch(() => {}), 1000);
  } else {
    loadRuns();
    loadProducts(true);
  }
}

async function loadRuns() {
  const list = await api('GET', '/api/sync/runs?limit=20');
  fill(
    $('runs-table').tBodies[0],
    list.map((r) =>
      h('tr', { class: r.runId === currentRunId ? 'current' : '' },
        h('td', {}, when(r.createdAt)),
        h('td', {}, r.trigger, r.dryRun ? ' (dry run)' : '', r.skus ? ` · ${r.skus.length} SKU` : ''),
        h('td', {}, h('span', { class: `status ${r.status}` }, r.status)),
        h('td', {}, `${r.progress.succeeded}/${r.progress.total}`, r.progress.failed ? ` · ${r.progress.failed} failed` : ''),
        h('td', {}, h('button', { type: 'button', class: 'link', onclick: () => showRun(r.runId) }, 'View')),
      ),
    ),
  );
}

async function loadSchedule() {
  const list = await api('GET', '/api/schedules');
  const s = list.find((x) => x.id === 'sync');
  if (s) {
    $('schedule-pattern').value = s.pattern;
    $('schedule-tz').value = s.tz;
    $('schedule-message').textContent = s.next ? `Next run: ${when(new Date(s.next).toISOString())}` : '';
  } else {
    $('schedule-message').textContent = 'No schedule yet.';
  }
}

async function saveSchedule(event) {
  event.preventDefault();
  try {
    const s = await api('PUT', '/api/schedules/sync', { pattern: $('schedule-pattern').value, tz: $('schedule-tz').value });
    $('schedule-message').textContent = `Saved. Next run: ${s.next ? when(new Date(s.next).toISOString()) : 'unknown'}`;
  } catch (err) {
    $('schedule-message').textContent = `Not saved: ${err.message}`;
  }
}

function badge(platform, s) {
  const state = s.error ? 'error' : s.syncStatus === 'pending' ? 'pending' : s.status || s.syncStatus;
  return h('span', { class: `badge ${state}`, title: s.error || `${s.syncStatus}${s.lastSyncedAt ? `, synced ${when(s.lastSyncedAt)}` : ''}`, 'data-platform': platform }, `${platform}: ${state}`);
}

async function loadProducts(reset) {
  if (reset) productsAfter = null;
  const res = await fetch(`/api/products?limit=100${productsAfter ? `&after=${productsAfter}` : ''}`, { credentials: 'same-origin' });
  if (!res.ok) return;
  const list = await res.json();
  const rows = list.map((p) =>
    h('tr', {},
      h('td', {}, p.sku), h('td', {}, p.title), h('td', {}, p.category || ''),
      h('td', { class: 'specifics' }, Object.entries(p.attributes || {}).map(([k, v]) => `${k}: ${v}`).join('; ')),
      h('td', { class: 'num' }, `${p.price.amount} ${p.price.currency}`), h('td', { class: 'num' }, p.quantity), h('td', {}, p.status),
      h('td', {}, Object.entries(p.platforms || {}).map(([name, s]) => badge(name, s))),
    ),
  );
  const body = $('products-table').tBodies[0];
  if (reset) body.replaceChildren(...rows);
  else body.append(...rows);
  productsAfter = res.headers.get('x-next-after');
  $('more-products').hidden = !productsAfter;
}

// --- readiness and settings ---------------------------------------------------------------

async function loadReadiness() {
  const r = await api('GET', '/api/readiness');
  const table = $('readiness-table');
  $('readiness-summary').textContent = r.ready
    ? 'Ready: every product renders on every platform it should be listed on.'
    : `${r.problems.length} thing(s) stop listings. Fix them here before the next run; nothing is sent where something is missing.`;
  $('readiness').classList.toggle('ready', r.ready);
  table.hidden = r.ready;
  fill(table.tBodies[0], r.problems.map((p) =>
    h('tr', { 'data-platform': p.platform, 'data-category': p.category || null },
      h('td', {}, p.platform), h('td', {}, p.sku ? `${p.sku}${p.category ? ` (${p.category})` : ''}` : p.category || 'settings'),
      h('td', {}, p.message), h('td', { class: 'num' }, p.products))));
}

const PLATFORM_FIELDS = {
  ebay: ['currency', 'marketplaceId', 'merchantLocationKey', 'fulfillmentPolicyId', 'paymentPolicyId', 'returnPolicyId'],
  reverb: ['currency', 'shippingProfileId'],
  vr: ['currency'],
  website: ['currency'],
};
const list = (text) => text.split(',').map((x) => x.trim()).filter(Boolean);

async function saveSettings(path, body, what) {
  try {
    await api('PUT', path, body);
    $('settings-message').textContent = `Saved ${what}. The products it touches will be rendered again on the next run.`;
    await Promise.all([loadSettings(), loadReadiness()]);
  } catch (err) {
    $('settings-message').textContent = err.message;
  }
}

function platformForm(platform, values) {
  const inputs = PLATFORM_FIELDS[platform].map((name) => h('label', {}, name, h('input', { name, value: values[name] || '', size: name === 'currency' ? 4 : 14 })));
  const rule = values.priceRule || {};
  inputs.push(h('label', {}, 'markup %', h('input', { name: 'markupPct', type: 'number', step: '0.1', value: rule.markupPct ?? '', size: 5 })));
  inputs.push(h('label', {}, 'price ends in cents', h('input', { name: 'endingCents', type: 'number', min: 0, max: 99, value: rule.endingCents ?? '', size: 3 })));
  return h('form', { class: 'platform-settings', 'data-platform': platform, onsubmit: (e) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const body = {};
    for (const name of PLATFORM_FIELDS[platform]) body[name] = String(data.get(name) || '').trim() || null;
    const markup = String(data.get('markupPct') || '').trim();
    const ending = String(data.get('endingCents') || '').trim();
    body.priceRule = markup || ending ? { markupPct: Number(markup || 0), endingCents: ending === '' ? null : Number(ending) } : null;
    saveSettings(`/api/settings/platforms/${platform}`, body, `${platform} defaults`);
  } }, h('strong', {}, platform), ...inputs, h('button', { type: 'submit', class: 'secondary' }, 'Save'));
}

function categoryRow(row, mapping) {
  const m = mapping || {};
  const input = (name, value, size) => h('input', { name, value: value || '', size });
  const aspects = m.ebay && m.ebay.aspects ? Object.entries(m.ebay.aspects).map(([k, v]) => `${k}=${v.join('|')}`).join('; ') : '';
  const tr = h('tr', { 'data-category': row.category, class: row.unmapped.length ? 'unmapped' : null },
    h('td', {}, row.category, row.unmapped.length ? h('span', { class: 'badge error' }, `unmapped: ${row.unmapped.join(', ')}`) : null),
    h('td', { class: 'num' }, row.products),
    h('td', {}, input('ebay', m.ebay && m.ebay.categoryId, 8)),
    h('td', {}, input('aspects', aspects, 18)),
    h('td', {}, input('reverb', m.reverb && m.reverb.categoryUuids.join(', '), 30)),
    h('td', {}, input('vr', m.vr && m.vr.categoryIds.join(', '), 8)),
    h('td', {}, input('website', m.website && m.website.categoryIds.join(', '), 5)),
    h('td', {}, h('button', { type: 'button', class: 'secondary save-category', onclick: () => {
      const get = (name) => tr.querySelector(`input[name="${name}"]`).value.trim();
      const aspectsOf = (text) => Object.fromEntries(text.split(';').map((x) => x.split('=')).filter((kv) => kv.length === 2 && kv[0].trim()).map(([k, v]) => [k.trim(), list(v.replace(/\|/g, ','))]));
      const entry = {
        ebay: get('ebay') ? { categoryId: get('ebay'), ...(get('aspects') ? { aspects: aspectsOf(get('aspects')) } : {}) } : null,
        reverb: get('reverb') ? { categoryUuids: list(get('reverb')) } : null,
        vr: get('vr') ? { categoryIds: list(get('vr')) } : null,
        website: get('website') ? { categoryIds: list(get('website')).map(Number) } : null,
      };
      saveSettings('/api/settings/categories', { [row.category]: entry }, `the mapping of ${row.category}`);
    } }, 'Save')));
  return tr;
}

async function loadSettings() {
  const s = await api('GET', '/api/settings');
  $('platform-settings').replaceChildren(...Object.keys(PLATFORM_FIELDS).map((p) => platformForm(p, s.platforms[p] || {})));
  const rows = s.inUse.filter((r) => r.category);
  const mapped = new Set(rows.map((r) => r.category));
  for (const name of Object.keys(s.categories)) if (!mapped.has(name)) rows.push({ category: name, products: 0, unmapped: [] });
  fill($('category-table').tBodies[0], rows.map((r) => categoryRow(r, s.categories[r.category])));
}

// --- sale webhooks ---------------------------------------------------------------------

function webhookRows(results) {
  return results.flatMap((r) => {
    if (r.registered) {
      if (!r.registered.length) return [h('tr', {}, h('td', {}, r.platform), h('td', { colspan: 3 }, 'nothing registered'))];
      return r.registered.map((w) => h('tr', { 'data-platform': r.platform }, h('td', {}, r.platform), h('td', {}, w.topic), h('td', {}, h('code', {}, w.url)), h('td', {}, w.created ? 'registered now' : 'already registered')));
    }
    if (r.skipped) return [h('tr', { 'data-platform': r.platform }, h('td', {}, r.platform), h('td', { colspan: 3, class: 'hint' }, r.skipped))];
    return [h('tr', { 'data-platform': r.platform }, h('td', {}, r.platform), h('td', { colspan: 3, class: 'bad' }, `failed: ${r.error}`))];
  });
}

async function registerWebhooks(event) {
  event.preventDefault();
  const button = $('register-webhooks');
  const status = $('webhooks-status');
  const url = $('webhooks-url').value.trim();
  button.disabled = true;
  status.textContent = 'Registering…';
  try {
    let reg = await api('POST', '/api/webhooks/registrations', url ? { url } : {});
    while (reg.status === 'queued' || reg.status === 'running') {
      await new Promise((r) => setTimeout(r, 500));
      reg = await api('GET', `/api/webhooks/registrations/${reg.registrationId}`);
    }
    if (reg.status === 'failed') {
      status.textContent = `Registration failed: ${reg.error}`;
      return;
    }
    const failed = reg.results.filter((r) => r.error).map((r) => r.platform);
    status.textContent = failed.length
      ? `Registered for ${reg.url}, except on ${failed.join(', ')}: press again once that is fixed.`
      : `Registered for ${reg.url}.`;
    fill($('webhooks-table').tBodies[0], webhookRows(reg.results));
    $('webhooks-table').hidden = false;
  } catch (err) {
    status.textContent = `Could not register: ${err.message}`;
  } finally {
    button.disabled = false;
  }
}

// --- onboarding: imports, CSV, orphans ----------------------------------------------------

async function startImport(event) {
  event.preventDefault();
  const platform = $('import-platform').value;
  const dryRun = $('import-dry-run').checked;
  try {
    const { importId } = await api('POST', '/api/imports', { platform, dryRun });
    for (;;) {
      const row = await api('GET', `/api/imports/${importId}`);
      $('import-status').textContent = `${platform}: ${row.status}, ${row.read} listings read`;
      if (row.status === 'completed' || row.status === 'failed') {
        $('import-status').textContent = row.status === 'failed'
          ? `Import failed: ${row.error}. Run it again: it continues, and makes nothing twice.`
          : `${row.dryRun ? 'Would create' : 'Created'} ${row.created}, ${row.dryRun ? 'would link' : 'linked'} ${row.linked}, skipped ${row.skipped.length}${row.skipped.length ? ` (${row.skipped.slice(0, 5).map((s) => s.reason).join('; ')}${row.skipped.length > 5 ? '; …' : ''})` : ''}.`;
        if (!row.dryRun) loadProducts(true).catch(() => {});
        return;
      }
      await new Promise((r) => setTimeout(r, 700));
    }
  } catch (err) {
    $('import-status').textContent = err.message;
  }
}

async function uploadCsv() {
  const file = $('csv-file').files[0];
  if (!file) return;
  const res = await fetch('/api/products/import', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'text/csv' }, body: await file.text() });
  const data = await res.json().catch(() => null);
  $('csv-status').textContent = res.ok
    ? `${data.rows} rows: ${data.created} created, ${data.updated} changed, ${data.unchanged} unchanged.`
    : `Nothing was written: ${(data && data.error && data.error.message) || `HTTP ${res.status}`}`;
  if (res.ok) loadProducts(true).catch(() => {});
}

async function orphanAction(o, body, label) {
  try {
    const answer = await api('POST', `/api/orphans/${o.platform}/${encodeURIComponent(o.externalId)}`, body);
    $('orphans-message').textContent = `${o.platform} ${o.externalId}: ${label}${answer.sku ? ` (${answer.sku})` : ''}${answer.runId ? `, run ${answer.runId}` : ''}.`;
    await loadOrphans();
  } catch (err) {
    $('orphans-message').textContent = err.message;
  }
}

async function loadOrphans() {
  const list = await api('GET', '/api/orphans');
  fill($('orphans-table').tBodies[0], list.map((o) => {
    const linkTo = h('input', { name: 'sku', placeholder: 'SKU', size: 10, value: o.suggestions[0] ? o.suggestions[0].sku : '' });
    return h('tr', { 'data-platform': o.platform, 'data-external-id': o.externalId },
      h('td', {}, o.platform), h('td', {}, o.externalId, o.sku ? ` (${o.sku})` : ''), h('td', {}, o.title), h('td', { class: 'num' }, o.price || ''),
      h('td', {}, o.suggestions.map((s) => `${s.sku} (${Math.round(s.score * 100)}%)`).join(', ')),
      h('td', { class: 'orphan-actions' },
        h('button', { type: 'button', class: 'secondary', 'data-action': 'adopt', onclick: () => orphanAction(o, { action: 'adopt' }, 'adopted as a new product') }, 'Adopt'),
        linkTo,
        h('button', { type: 'button', class: 'secondary', 'data-action': 'link', onclick: () => orphanAction(o, { action: 'link', sku: linkTo.value.trim() }, 'linked') }, 'Link'),
        h('button', { type: 'button', class: 'secondary', 'data-action': 'ignore', onclick: () => orphanAction(o, { action: 'ignore' }, 'ignored') }, 'Ignore'),
        h('button', { type: 'button', class: 'secondary', 'data-action': 'delete', onclick: () => confirm(`Delete ${o.title} on ${o.platform}?`) && orphanAction(o, { action: 'delete' }, 'deleting on the platform') }, 'Delete')));
  }));
  $('orphans-message').textContent = list.length ? '' : 'No orphans: every listing on the platforms belongs to a product.';
}

async function act(button, path, done) {
  button.disabled = true;
  try {
    const answer = await api('POST', path);
    $('sync-message').textContent = done(answer);
    await showRun(currentRunId);
  } catch (err) {
    $('sync-message').textContent = err.message;
  } finally {
    button.disabled = false;
  }
}

// The oversell banner: open oversells first thing on the page, each with its sales and a way to close it.
function oversellSale(s) {
  const what = s.orderId ? `order ${s.orderId}` : s.externalId ? `listing ${s.externalId}` : 'a sale';
  const price = s.price ? `${s.price.amount} ${s.price.currency}` : 'price unknown';
  return h('li', { 'data-platform': s.platform, class: s.last ? 'last' : '' },
    h('strong', {}, s.platform), ' ',
    s.url ? h('a', { href: s.url, target: '_blank', rel: 'noopener noreferrer' }, what) : what,
    ` · ${price} · ${when(s.at)}`, s.last ? ' · came last' : '');
}

async function resolveOversell(button, id, relist) {
  button.disabled = true;
  try {
    await api('POST', `/api/oversells/${id}/resolve`, relist ? { relist: true } : {});
    await loadOversells();
  } catch (err) {
    button.disabled = false;
    $('sync-message').textContent = `Could not resolve: ${err.message}`;
  }
}

async function loadOversells() {
  const list = await api('GET', '/api/oversells?status=open');
  $('oversells').hidden = list.length === 0;
  fill($('oversell-list'), list.map((o) =>
    h('li', { class: 'oversell', 'data-oversell-id': o.id, 'data-sku': o.sku },
      h('p', {}, h('strong', {}, o.sku), ` sold ${o.sales.length} times (found ${when(o.createdAt)})`),
      h('ul', { class: 'oversell-sales' }, o.sales.map(oversellSale)),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'resolve', onclick: (e) => resolveOversell(e.currentTarget, o.id, false) }, 'Resolved'),
        o.relistHeld
          ? h('button', { type: 'button', class: 'secondary resolve-relist', onclick: (e) => resolveOversell(e.currentTarget, o.id, true) }, `Resolved, and relist on ${o.lastPlatform} after a restock`)
          : null),
      o.relistHeld ? h('p', { class: 'note' }, `A restock will not relist it on ${o.lastPlatform} (where it sold last) until you say so.`) : null,
    )));
}

document.addEventListener('DOMContentLoaded', () => {
  loadOversells().catch(() => {});
  setInterval(() => loadOversells().catch(() => {}), 5000);
  $('sync-now').addEventListener('click', () => startRun(false));
  $('dry-run').addEventListener('click', () => startRun(true));
  $('approve').addEventListener('click', (e) => act(e.currentTarget, `/api/sync/runs/${currentRunId}/approve`, () => 'Approved: executing the plan as shown.'));
  $('retry-failed').addEventListener('click', (e) => act(e.currentTarget, `/api/sync/runs/${currentRunId}/retry-failed`, (a) => `Retrying ${a.retried} failed action(s).`));
  $('schedule-form').addEventListener('submit', saveSchedule);
  $('more-products').addEventListener('click', () => loadProducts(false));
  loadRuns()
    .then(async () => {
      const latest = (await api('GET', '/api/sync/runs?limit=1'))[0];
      if (latest) await showRun(latest.runId);
    })
    .catch(() => {});
  loadSchedule().catch(() => {});
  loadProducts(true).catch(() => {});
  loadReadiness().catch(() => {});
  loadSettings().catch(() => {});
  loadOrphans().catch(() => {});
  $('import-form').addEventListener('submit', startImport);
  $('webhooks-form').addEventListener('submit', registerWebhooks);
  $('csv-file').addEventListener('change', () => uploadCsv().catch((err) => { $('csv-status').textContent = err.message; }));
  setInterval(() => loadRuns().catch(() => {}), 5000);
});
