/** What a test's in-process sandbox accepts; adapters under test are given the same values. */
export const testCredentials = {
    ebay: { clientId: 'gearsync-app-id', clientSecret: 'ebay-cert-secret', refreshToken: 'v^1.1#i^1#refresh' },
    reverb: { token: 'reverb-token' },
    vr: { username: 'dealer', password: 'vr-pass' },
    website: { key: 'ck_test', secret: 'cs_test' },
};
//# sourceMappingURL=test-credentials.js.map