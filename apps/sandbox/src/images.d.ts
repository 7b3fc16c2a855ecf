import { type Router } from 'express';
/** The JPEG with the path in a comment segment (0xFFFE) after its start marker: each path its own bytes. */
export declare function jpegFor(path: string): Buffer;
export declare function webpFor(): Buffer;
/**
 * `/_images/…`: a photo host for tests, the dealer's own image server. Any path is a small JPEG
 * of its own; a path ending in `.webp` is WebP.
 */
export declare function imagesRouter(): Router;
