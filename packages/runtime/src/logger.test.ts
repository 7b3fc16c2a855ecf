import { formatLine, parseLogLine } from './logger.js';

describe('readable log lines', () => {
  it('shows time, process, level, message and the fields that remain, on one line', () => {
    const line = formatLine({ level: 'warn', message: 'platform call failed', service: 'execute-ebay', timestamp: '2026-12-03T08:01:02.345Z', runId: 'r1', actions: 3, error: 'HTTP 500\nbody' });
    expect(line).toBe('08:01:02.345 execute-ebay    warn  platform call failed  runId=r1 actions=3 error=HTTP 500 body');
  });

  it('cuts long values and names the process it was given', () => {
    const line = formatLine({ level: 'info', message: 'x', service: 'workers', lastLines: Array.from({ length: 50 }, (_, i) => `line ${i}`) }, { name: 'execute-vr#2' });
    expect(line).toMatch(/^\d\d:\d\d:\d\d\.\d{3} execute-vr#2 +info  x  lastLines=\["line 0",.*\.\.\.$/);
    expect(line.length).toBeLessThan(200);
  });

  it('reads our JSON lines and nothing else', () => {
    expect(parseLogLine('{"level":"info","message":"hi"}')).toEqual({ level: 'info', message: 'hi' });
    expect(parseLogLine('{"no":"message"}')).toBeNull();
    expect(parseLogLine('Error: boom')).toBeNull();
    expect(parseLogLine('{broken')).toBeNull();
  });
});
