import { BROWSER_HELP, findBrowser } from './browser.js';
import { checkProduction, loadConfig, parseDuration } from './config.js';

describe('loadConfig', () => {
  it('applies the defaults of the contract', () => {
    const config = loadConfig({ GEARSYNC_MODE: 'demo' });
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/gearsync');
    expect(config.QUEUE_PREFIX).toBe('gearsync');
    expect(config.PLATFORMS).toEqual(['ebay', 'reverb', 'vr', 'website']);
    expect(config.platformUrls.website).toBe('http://127.0.0.1:4000/website');
    expect(config.SYNC_CRON).toBe('*/15 * * * *');
  });

  it('names the bad variable and keeps its value out of the message', () => {
    expect(() => loadConfig({ GEARSYNC_MODE: 'demo', PLATFORMS: 'ebay,myspace' })).toThrow(/PLATFORMS/);
    expect(() => loadConfig({ GEARSYNC_MODE: 'demo', API_PORT: 'seventy' })).toThrow(/API_PORT/);
  });

  it('says what is wrong in one line', () => {
    let message = '';
    try {
      loadConfig({ GEARSYNC_MODE: 'demo', PLATFORMS: 'ebay,myspace', API_PORT: 'seventy', QUEUE_PREFIX: 'a b' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/^invalid configuration: /);
    for (const name of ['PLATFORMS', 'API_PORT', 'QUEUE_PREFIX']) expect(message).toContain(name);
    expect(message).not.toContain('\n');
    expect(message).not.toContain('seventy');
  });

  it('lets the CLI and workers run without an API token; a production start requires one', () => {
    const config = loadConfig({});
    expect(config.API_TOKEN).toBeUndefined();
    expect(() => checkProduction(config)).toThrow(/^invalid configuration: API_TOKEN is required in production/);
    expect(() => checkProduction(loadConfig({ API_TOKEN: 'a-long-token' }))).not.toThrow();
    expect(() => checkProduction(loadConfig({ GEARSYNC_MODE: 'demo' }))).not.toThrow();
  });

  it('finds the browser: the setting first, then the system paths, else nothing', () => {
    expect(findBrowser('/opt/my/chrome', ['/bin/sh'])).toBe('/opt/my/chrome');
    expect(findBrowser(undefined, ['/nonexistent/chromium', '/bin/sh'])).toBe('/bin/sh');
    expect(findBrowser(undefined, ['/nonexistent/chromium'])).toBeNull();
    expect(BROWSER_HELP).toMatch(/apt-get install chromium/);
  });

  it('parses durations', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('24h')).toBe(86_400_000);
    expect(() => parseDuration('soon')).toThrow(/not a duration/);
  });
});
