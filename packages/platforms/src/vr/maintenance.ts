/** V&R's nightly maintenance, in UTC: integrations that run against the real site skip it. */
export const DEFAULT_MAINTENANCE_HOURS = '03:00-05:00';

function minutes(hhmm: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h <= 24 && min < 60 && h * 60 + min <= 24 * 60 ? h * 60 + min : null;
}

/** "03:00-05:00" → minutes of the UTC day; null when malformed. An empty string is no window. */
export function parseMaintenanceHours(hours: string): { from: number; to: number } | null {
  const [a, b, ...rest] = hours.split('-');
  if (a === undefined || b === undefined || rest.length) return null;
  const from = minutes(a);
  const to = minutes(b);
  return from === null || to === null ? null : { from, to };
}

/**
 * Whether `now` falls in the maintenance window `hours` ("03:00-05:00", UTC; a window may cross
 * midnight, "23:30-01:00"). Pure: the pipeline asks it before it even tries V&R.
 */
export function inMaintenanceWindow(now: Date, hours: string = DEFAULT_MAINTENANCE_HOURS): boolean {
  if (hours.trim() === '') return false;
  const window = parseMaintenanceHours(hours);
  if (!window || window.from === window.to) return false;
  const t = now.getUTCHours() * 60 + now.getUTCMinutes();
  return window.from < window.to ? t >= window.from && t < window.to : t >= window.from || t < window.to;
}
