import type { Listing, Photo } from '@gearsync/core';
import type { ActionOutcome, CallAction } from '../adapter.js';
import { isOk, issue, listingPath, readListing } from './answers.js';
import { garbage } from './classify.js';
import type { ReverbClient, ReverbResponse } from './client.js';
import { contentBody, createBody, pairPhotos, photoUrl, photoUrls, publishProblem, reverbImagesSchema, stockBody, unitsProblem, type ReverbImage } from './mapping.js';

/**
 * Reverb's writes, one listing per call. Choices where Reverb leaves room:
 * - stock 0 and delete of a live listing end it (`not_sold`: the sale happened elsewhere), since
 *   a one-off ignores inventory writes and only drafts can be deleted;
 * - writes that leave stock above 0 send `publish: true`, so an ended listing comes back on sale;
 * - photos are sent on create, and on update only when they changed: Reverb rehosts every URL
 *   and adds what it is sent, so the new set is placed by `override_position` and the photos no
 *   longer wanted are deleted. Outcomes carry each photo we sent beside the URL Reverb serves it
 *   at, so the next run compares by what we sent.
 */
export interface Writer {
  client: ReverbClient;
  /** Waits between reads while Reverb fetches a write's photos. */
  photoWaits: number[];
}

type Outcome = ActionOutcome;

const ok = (a: CallAction, externalId: string | null, listing?: Listing, status?: number): Outcome => ({
  actionId: a.actionId,
  ok: true,
  externalId,
  ...(listing ? { listing } : {}),
  ...(status ? { status } : {}),
});
const failed = (a: CallAction, error: string, status?: number): Outcome => ({
  actionId: a.actionId,
  ok: false,
  error,
  retryable: false,
  ...(status ? { status } : {}),
});


/** Off sale. The outcome carries no listing: the executor keeps what we last wrote, photos included, as ended. */
async function endListing(w: Writer, a: CallAction, id: string): Promise<Outcome> {
  const res = await w.client.request('PUT', `/my/listings/${encodeURIComponent(id)}/state/end`, { json: { reason: 'not_sold' } });
  if (isOk(res)) return ok(a, id, undefined, res.status);
  // Reverb refuses to end a listing that is not live (ended, sold out, draft): it is off sale already.
  if (res.status === 422) return ok(a, id, undefined, res.status);
  return refusal(w, a, res);
}

/**
 * Reverb shows a photo sent by URL only once it has fetched it: read the listing again until it
 * shows `expected` photos, or the waits run out (then answers the last read).
 */
async function awaitPhotos(w: Writer, id: string, expected: number, current: Listing): Promise<Listing> {
  let listing = current;
  for (const waitMs of w.photoWaits) {
    if (listing.images.length >= expected) break;
    await new Promise((resolve) => setTimeout(resolve, waitMs));
    const res = await w.client.request('GET', listingPath(id));
    if (!isOk(res)) throw w.client.failure(res);
    listing = readListing(res, false);
  }
  return listing;
}

async function create(w: Writer, a: CallAction, listing: Listing): Promise<Outcome> {
  const res = await w.client.request('POST', '/listings', { json: createBody(listing) });
  if (!isOk(res)) return refusal(w, a, res);
  const answered = readListing(res, true);
  let created = await awaitPhotos(w, answered.externalId, listing.images.length, answered);
  // A listing whose photos were still being fetched stays a draft: publish it now they are in.
  if (created.state === 'draft' && created.images.length >= listing.images.length) {
    const published = await w.client.request('PUT', listingPath(created.externalId), { json: { publish: true } });
    if (!isOk(published)) return refusal(w, a, published);
    created = readListing(published, true);
  }
  return ok(a, created.externalId, withPhotos(created, pairPhotos(listing.images, created.images)), res.status);
}

async function update(w: Writer, a: CallAction, id: string, listing: Listing): Promise<Outcome> {
  const q = listing.quantity;
  const body = { ...contentBody(listing), ...stockBody(q, false), ...(q > 0 ? { publish: true } : {}) };
  if (a.payload.photosChanged !== true) {
    const res = await w.client.request('PUT', listingPath(id), { json: body });
    if (!isOk(res)) return refusal(w, a, res);
    // Nothing sent: what Reverb serves is still what the baseline says we sent.
    return ok(a, id, withPhotos(readListing(res, true), a.payload.photos), res.status);
  }
  return replacePhotos(w, a, id, listing, body);
}

/**
 * Makes the listing hold exactly `listing.images`, in order: photos Reverb already holds for a
 * source are kept (named by the URL it serves), new sources are imported in their place
 * (`override_position`), and every other photo is then deleted.
 */
async function replacePhotos(w: Writer, a: CallAction, id: string, listing: Listing, body: Record<string, unknown>): Promise<Outcome> {
  const imagesRes = await w.client.request('GET', `${listingPath(id)}/images`);
  if (!isOk(imagesRes)) return refusal(w, a, imagesRes);
  const parsed = reverbImagesSchema.safeParse(imagesRes.body);
  if (!parsed.success) throw garbage(imagesRes.what, `not a list of images (${issue(parsed.error)})`, imagesRes.status);
  const held = parsed.data.images;
  const servedFor = new Map((a.payload.photos ?? []).map((p) => [p.source, p.url]));
  const kept = new Map<string, ReverbImage>();
  const entries = listing.images.map((source) => {
    const known = servedFor.get(source) ?? source;
    const image = held.find((img) => ![...kept.values()].includes(img) && photoUrls(img).includes(known));
    if (!image) return source;
    kept.set(source, image);
    return photoUrl(image) ?? known;
  });
  const res = await w.client.request('PUT', listingPath(id), { json: { ...body, photos: entries, photo_upload_method: 'override_position' } });
  if (!isOk(res)) return refusal(w, a, res);
  const stale = held.filter((img) => ![...kept.values()].includes(img));
  const gone = new Set<string>();
  for (const img of stale) {
    const del = await w.client.request('DELETE', `${listingPath(id)}/images/${encodeURIComponent(img.id)}`);
    if (!isOk(del) && del.status !== 404) return refusal(w, a, del);
    for (const url of photoUrls(img)) gone.add(url);
  }
  const answered = readListing(res, true);
  let after = await awaitPhotos(w, id, listing.images.length, { ...answered, images: answered.images.filter((url) => !gone.has(url)) });
  // A relist waits for its photos as a new listing does: publish it now they are in.
  if (after.state !== 'active' && listing.quantity > 0 && after.images.length >= listing.images.length) {
    const published = await w.client.request('PUT', listingPath(id), { json: { publish: true } });
    if (!isOk(published)) return refusal(w, a, published);
    after = readListing(published, true);
  }
  const photos = pairPhotos(listing.images, after.images) ?? keptPhotos(kept);
  return ok(a, id, withPhotos(after, photos), res.status);
}

export async function runAction(w: Writer, a: CallAction): Promise<Outcome> {
  const { externalId, listing, quantity } = a.payload;
  if (a.kind === 'link') return ok(a, externalId ?? null);
  if (a.kind === 'create') {
    if (!listing) return failed(a, 'create needs the listing to publish');
    const problem = unitsProblem(listing) ?? publishProblem(listing);
    if (problem) return failed(a, problem);
    return create(w, a, listing);
  }
  if (!externalId) return failed(a, `${a.kind} needs the Reverb listing id`);
  switch (a.kind) {
    case 'update': {
      if (!listing) return failed(a, 'update needs the listing content');
      const problem = unitsProblem(listing) ?? (listing.quantity > 0 ? publishProblem(listing) : null);
      if (problem) return failed(a, problem);
      return update(w, a, externalId, listing);
    }
    case 'stock': {
      if (quantity === undefined || !Number.isInteger(quantity) || quantity < 0) return failed(a, 'stock needs a whole quantity, 0 or more');
      // A one-off ignores inventory 0: ending is the one way off sale for every listing.
      if (quantity === 0) return endListing(w, a, externalId);
      const res = await w.client.request('PUT', listingPath(externalId), { json: { ...stockBody(quantity, false), publish: true } });
      return isOk(res) ? ok(a, externalId, undefined, res.status) : refusal(w, a, res);
    }
    case 'end':
      return endListing(w, a, externalId);
    case 'delete': {
      const res = await w.client.request('DELETE', listingPath(externalId));
      if (isOk(res) || res.status === 404) return ok(a, externalId, undefined, res.status);
      // Reverb deletes drafts only (406 for anything else): take it off sale instead.
      if (res.status === 406) return endListing(w, a, externalId);
      return refusal(w, a, res);
    }
  }
}

/** Anything that is not the seller's data at fault (auth, throttling, 5xx) fails the whole call. */
function refusal(w: Writer, a: CallAction, res: ReverbResponse): Outcome {
  const err = w.client.failure(res);
  if (err.kind !== 'permanent') throw err;
  return failed(a, err.message, res.status);
}

function withPhotos(listing: Listing, photos: Photo[] | undefined): Listing {
  return photos?.length ? { ...listing, photos } : listing;
}

function keptPhotos(kept: Map<string, ReverbImage>): Photo[] | undefined {
  const photos = [...kept].flatMap(([source, image]) => {
    const url = photoUrl(image);
    return url ? [{ source, url, id: image.id }] : [];
  });
  return photos.length ? photos : undefined;
}
