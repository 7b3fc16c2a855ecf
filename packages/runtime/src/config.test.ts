import { loadConfig, parseDuration } from './config.js';

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

  it('requires an API token in production', () => {
    expect(() => loadConfig({})).toThrow(/API_TOKEN: is required in production/);
    expect(loadConfig({ API_TOKEN: 'a-long-token' }).API_TOKEN).toBe('a-long-token');
  });

  it('parses durations', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('24h')).toBe(86_400_000);
    expect(() => parseDuration('soon')).toThrow(/not a duration/);
  });
});
