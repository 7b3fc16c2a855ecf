import { inMaintenanceWindow, parseMaintenanceHours } from './maintenance.js';

const at = (hhmm: string) => new Date(`2026-12-03T${hhmm}:00Z`);

describe('inMaintenanceWindow', () => {
  test('the default window is 03:00 to 05:00 UTC, end excluded', () => {
    expect(inMaintenanceWindow(at('02:59'))).toBe(false);
    expect(inMaintenanceWindow(at('03:00'))).toBe(true);
    expect(inMaintenanceWindow(at('04:59'))).toBe(true);
    expect(inMaintenanceWindow(at('05:00'))).toBe(false);
  });

  test('a window may cross midnight; an empty or malformed one is no window', () => {
    expect(inMaintenanceWindow(at('23:45'), '23:30-01:00')).toBe(true);
    expect(inMaintenanceWindow(at('00:30'), '23:30-01:00')).toBe(true);
    expect(inMaintenanceWindow(at('01:00'), '23:30-01:00')).toBe(false);
    expect(inMaintenanceWindow(at('04:00'), '')).toBe(false);
    expect(inMaintenanceWindow(at('04:00'), 'nightly')).toBe(false);
    expect(parseMaintenanceHours('3:00-5:30')).toEqual({ from: 180, to: 330 });
    expect(parseMaintenanceHours('25:00-05:00')).toBeNull();
  });
});
