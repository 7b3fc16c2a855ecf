import { type NextFunction, type Request, type Response, type Router } from 'express';
export interface EbayCredentials {
    clientId: string;
    clientSecret: string;
    refreshToken: string;
}
/** User access tokens issued from the refresh token, each with its own expiry. */
export declare class TokenRegistry {
    private tokens;
    issue(ttlSeconds: number): string;
    check(token: string): 'valid' | 'expired' | 'unknown';
    expireAll(): void;
}
/** `POST /identity/v1/oauth2/token`: the refresh-token grant, form-encoded, Basic client credentials. */
export declare function tokenRouter(credentials: EbayCredentials, tokens: TokenRegistry, ttlSeconds: () => number): Router;
/** The API gateway's check of `Authorization: Bearer …`: unknown 401/1001, expired 403/1100. */
export declare function authenticate(tokens: TokenRegistry): (req: Request, res: Response, next: NextFunction) => void;
