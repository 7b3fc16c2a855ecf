import { type Router } from 'express';
import type { PlatformBehaviour } from '../behaviour.js';
import { type Sessions } from './sessions.js';
import { type VrStore } from './store.js';
export interface VrSite {
    store: VrStore;
    sessions: Sessions;
    behaviour: PlatformBehaviour;
    credentials: {
        username: string;
        password: string;
    };
}
/** The dealer's user id on the site: Dropzone's upload URL and the form's `owner_id` carry it. */
export declare const DEALER_USER_ID = 20417;
/** The dealer side of vintageandrare.com: PHP pages behind Cloudflare, a session cookie, a CSV export and AJAX calls. */
export declare function vrRouter(site: VrSite): Router;
