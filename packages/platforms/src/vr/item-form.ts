import type { Page } from 'puppeteer-core';
import { PlatformError } from '../errors.js';
import type { DownloadedPhoto } from './photos.js';

export const ITEM_FORM = 'form#frm_step1';
const MAX_LEVELS = 4;

/** A photo the form already holds (an edit), as its Dropzone preview shows it. */
export interface HeldPhoto {
  mediaId: string;
  url: string;
}

function siteChanged(detail: string): PlatformError {
  return new PlatformError('permanent', `V&R's item form ${detail}: the site changed`, { code: 'site_changed' });
}

/**
 * Chooses the category level by level, as a person would: each lower select is filled by the
 * page's script only after its parent's change, so each level waits for the next to fill.
 * Answers the names chosen ("Guitars", "Electric solid body", …).
 */
export async function chooseCategories(page: Page, ids: string[], timeoutMs: number): Promise<string[]> {
  const names: string[] = [];
  for (let level = 0; level < Math.min(ids.length, MAX_LEVELS); level++) {
    const id = ids[level]!;
    if (level > 0) {
      const filled = await page
        .waitForFunction((n) => Array.from(document.querySelectorAll<HTMLOptionElement>(`select[name="categ_level_${n}"] option`)).some((o) => o.value !== ''), { timeout: timeoutMs }, level)
        .then(() => true)
        .catch(() => false);
      if (!filled) {
        // The level is filled by the page's own request, which can fail like any other: worth another try.
        throw new PlatformError('transient', `V&R category level ${level + 1} did not offer any choice under ${ids[level - 1]} (wanted ${id})`, { code: 'category' });
      }
    }
    const chosen = await page.evaluate(
      (n, value, below) => {
        const select = document.querySelector<HTMLSelectElement>(`form#frm_step1 select[name="categ_level_${n}"]`);
        if (!select) return { missing: 'select' as const };
        const option = Array.from(select.options).find((o) => o.value === value);
        if (!option) return { missing: 'option' as const, offered: Array.from(select.options).filter((o) => o.value).length };
        // An edit form shows the item's categories: a level already as wanted, with the level
        // below offering what comes next (or nothing chosen below the last), is left alone.
        const next = document.querySelector<HTMLSelectElement>(`form#frm_step1 select[name="categ_level_${n + 1}"]`);
        const ready = below === null ? !next || next.value === '' : !!next && Array.from(next.options).some((o) => o.value === below);
        if (select.value !== value || !ready) {
          select.value = value;
          select.dispatchEvent(new Event('change', { bubbles: true }));
        }
        return { name: option.textContent?.trim() ?? value };
      },
      level,
      id,
      level + 1 < Math.min(ids.length, MAX_LEVELS) ? ids[level + 1]! : null,
    );
    if ('missing' in chosen) {
      if (chosen.missing === 'select') throw siteChanged(`has no select categ_level_${level}`);
      throw new PlatformError('permanent', `V&R has no category ${id} at level ${level + 1}${level ? ` under ${ids[level - 1]}` : ''}`, { code: 'category' });
    }
    names.push(chosen.name);
  }
  return names;
}

/**
 * Types the brand and lets the page's autosuggest check set the hidden `brand_make_id`. An edit
 * form already shows the item's brand and checks it as it loads: when that is the brand we want,
 * its check is awaited rather than repeated (one request less, and no two identical checks in
 * flight, whose events Puppeteer can lose).
 */
export async function setBrand(page: Page, brand: string, brandId: string, timeoutMs: number): Promise<void> {
  const how = await page.evaluate((name) => {
    const input = document.querySelector<HTMLInputElement>('form#frm_step1 input[name="recipient_name"]');
    if (!input || !document.querySelector('form#frm_step1 input[name="brand_make_id"]')) return 'missing' as const;
    if (input.value.trim() === name.trim()) return 'shown' as const;
    input.value = name;
    // A change (not typing) runs the page's own brand check; the suggestions list is not needed.
    input.dispatchEvent(new Event('change', { bubbles: true }));
    return 'typed' as const;
  }, brand);
  if (how === 'missing') throw siteChanged('has no brand field (recipient_name, brand_make_id)');
  const brandIdIs = (want: string | null) =>
    page
      .waitForFunction(
        (id) => {
          const value = document.querySelector<HTMLInputElement>('form#frm_step1 input[name="brand_make_id"]')?.value ?? '';
          return id === null ? value !== '' : value === id;
        },
        { timeout: timeoutMs },
        want,
      )
      .then(() => true)
      .catch(() => false);
  let set: boolean;
  if (how === 'shown') {
    // The form's own check settles on some id; should it not be the one V&R gave us, the brand is typed after all.
    set = (await brandIdIs(null)) && (await page.evaluate(() => document.querySelector<HTMLInputElement>('form#frm_step1 input[name="brand_make_id"]')?.value)) === brandId;
    if (!set) {
      await page.evaluate(() => document.querySelector('form#frm_step1 input[name="recipient_name"]')?.dispatchEvent(new Event('change', { bubbles: true })));
      set = await brandIdIs(brandId);
    }
  } else {
    set = await brandIdIs(brandId);
  }
  if (!set) throw new PlatformError('transient', `V&R's brand check did not confirm "${brand}" on the form`, { code: 'brand' });
}

/** Plain fields: text inputs and selects by value. */
export async function setFields(page: Page, fields: Record<string, string>): Promise<void> {
  const problem = await page.evaluate((values) => {
    const form = document.querySelector<HTMLFormElement>('form#frm_step1');
    if (!form) return 'no form';
    for (const [name, value] of Object.entries(values)) {
      const el = form.elements.namedItem(name);
      if (el instanceof HTMLSelectElement) {
        if (value !== '' && !Array.from(el.options).some((o) => o.value === value)) return `offers no ${name} "${value}"`;
        el.value = value;
      } else if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) el.value = value;
      else return `has no field ${name}`;
      (el as HTMLElement).dispatchEvent(new Event('change', { bubbles: true }));
    }
    return null;
  }, fields);
  if (problem) throw problem.startsWith('offers') ? new PlatformError('permanent', `V&R's item form ${problem}`, { code: 'validation' }) : siteChanged(problem);
}

/**
 * The description goes in through the rich-text editor: the page copies the editor's content
 * over the textarea when it submits, so a value typed into the textarea would be lost.
 */
export async function setDescription(page: Page, html: string): Promise<void> {
  const how = await page.evaluate((value) => {
    const w = window as unknown as { tinymce?: { get(id: string): { setContent(v: string): unknown } | null } };
    const editor = w.tinymce?.get('item_desc');
    if (editor) {
      editor.setContent(value);
      return 'editor';
    }
    const area = document.querySelector<HTMLTextAreaElement>('form#frm_step1 textarea[name="item_desc"]');
    if (!area) return null;
    area.value = value;
    return 'textarea';
  }, html);
  if (!how) throw siteChanged('has no description (item_desc)');
}

export async function heldPhotos(page: Page): Promise<HeldPhoto[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('form#frm_step1 .dz-existing')).map((el) => ({
      mediaId: el.dataset.mediaId ?? '',
      url: el.querySelector('img')?.getAttribute('src') ?? '',
    })),
  );
}

/** Drops photos the item holds, through each preview's own "Remove file" link. */
export async function removePhotos(page: Page, mediaIds: string[]): Promise<void> {
  const missing = await page.evaluate((ids) => {
    const gone: string[] = [];
    for (const id of ids) {
      const link = document.querySelector<HTMLElement>(`form#frm_step1 .dz-existing[data-media-id="${CSS.escape(id)}"] .dz-remove`);
      if (link) link.click();
      else gone.push(id);
    }
    return gone;
  }, mediaIds);
  if (missing.length) throw siteChanged(`shows no remove link for photo ${missing.join(', ')}`);
}

/**
 * One photo through the page's Dropzone, as a dropped file: its upload request and the form
 * fields it adds are the page's own. WebP, which V&R refuses, is re-encoded as JPEG by the
 * browser's own decoder first. Answers the site's refusal, if any.
 */
export async function uploadPhoto(page: Page, photo: DownloadedPhoto, timeoutMs: number): Promise<string | null> {
  const outcome = await page.evaluate(
    async (base64, name, kind, limitMs) => {
      const w = window as unknown as { Dropzone?: { forElement(el: string): DZ | undefined; instances?: DZ[] } };
      interface DZ {
        addFile(f: File): void;
        on(ev: string, fn: (...args: unknown[]) => void): unknown;
      }
      const dz = w.Dropzone?.forElement('#item_dropzone') ?? w.Dropzone?.instances?.[0];
      if (!dz) return { fault: 'no Dropzone' };
      const raw = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      let blob = new Blob([raw], { type: kind === 'jpeg' ? 'image/jpeg' : `image/${kind}` });
      if (kind === 'webp') {
        const bitmap = await createImageBitmap(blob);
        const canvas = document.createElement('canvas');
        canvas.width = bitmap.width;
        canvas.height = bitmap.height;
        canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
        const jpeg = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.92));
        if (!jpeg) return { fault: 'the browser could not re-encode the WebP photo as JPEG' };
        blob = jpeg;
      }
      const file = new File([blob], name, { type: blob.type });
      return new Promise<{ refused?: string; fault?: string; ok?: true }>((resolve) => {
        const timer = setTimeout(() => resolve({ fault: 'the upload did not finish in time' }), limitMs);
        dz.on('complete', (f: unknown) => {
          if (f !== file) return;
          clearTimeout(timer);
          const done = f as File & { status?: string; errorMessage?: string };
          resolve(done.status === 'success' ? { ok: true } : { refused: String(done.errorMessage ?? 'refused') });
        });
        dz.addFile(file);
      });
    },
    photo.bytes.toString('base64'),
    photo.name,
    photo.kind,
    timeoutMs,
  );
  if (outcome.fault === 'no Dropzone') throw siteChanged('has no Dropzone (#item_dropzone)');
  if (outcome.fault) throw new PlatformError('transient', `V&R photo upload: ${outcome.fault}`, { code: 'photo_upload' });
  return outcome.refused ?? null;
}

/** Submits through the "Publish item" link, which submits by script (after saving the editor). */
export async function clickPublish(page: Page): Promise<void> {
  const clicked = await page.evaluate(() => {
    const link = document.querySelector<HTMLElement>('#submit_step_1');
    if (!link) return false;
    link.click();
    return true;
  });
  if (!clicked) throw siteChanged('has no "Publish item" link (#submit_step_1)');
}

/** The names of each category level's choices, walking by names (for the export's category text). */
export async function categoryIdsByNames(page: Page, names: string[], timeoutMs: number): Promise<string[] | null> {
  const ids: string[] = [];
  for (let level = 0; level < Math.min(names.length, MAX_LEVELS); level++) {
    if (level > 0) {
      const filled = await page
        .waitForFunction((n) => Array.from(document.querySelectorAll<HTMLOptionElement>(`select[name="categ_level_${n}"] option`)).some((o) => o.value !== ''), { timeout: timeoutMs }, level)
        .then(() => true)
        .catch(() => false);
      if (!filled) return null;
    }
    const id = await page.evaluate(
      (n, name) => {
        const select = document.querySelector<HTMLSelectElement>(`form#frm_step1 select[name="categ_level_${n}"]`);
        const option = select && Array.from(select.options).find((o) => o.value !== '' && (o.textContent ?? '').trim().toLowerCase() === name.trim().toLowerCase());
        if (!select || !option) return null;
        select.value = option.value;
        select.dispatchEvent(new Event('change', { bubbles: true }));
        return option.value;
      },
      level,
      names[level]!,
    );
    if (id === null) return null;
    ids.push(id);
  }
  return ids;
}
