import { locale, t } from './i18n.js';

export const ZONE = 'Asia/Shanghai';
const cache = new Map();

function formatter(kind) {
  const key = `${locale()}|${kind}`;
  if (!cache.has(key)) {
    const options =
      kind === 'date'
        ? { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }
        : { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
    cache.set(key, new Intl.DateTimeFormat(locale(), options));
  }
  return cache.get(key);
}

/** An instant (ISO string or epoch millis) as a date and time in Asia/Shanghai. */
export function dateTime(value) {
  if (value === null || value === undefined || value === '') return t('common.none');
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : formatter('dateTime').format(date);
}

export function date(value) {
  if (!value) return t('common.none');
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? String(value) : formatter('date').format(d);
}

/** Fen (分) as yuan: ¥1,450.00. */
export function yuan(fen) {
  if (fen === null || fen === undefined) return t('common.none');
  return `¥${new Intl.NumberFormat(locale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(fen / 100)}`;
}

/** A ratio (0..1) as a percentage. */
export function percent(ratio) {
  if (ratio === null || ratio === undefined) return t('common.none');
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
}

export function number(value, digits = 0) {
  if (value === null || value === undefined) return t('common.none');
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(value);
}

/** Today in Asia/Shanghai as yyyy-MM-dd (the calendar day the statistics mean). */
export function today(offsetDays = 0) {
  const shifted = new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000);
  return shifted.toISOString().slice(0, 10);
}

/** A datetime-local value (yyyy-MM-ddTHH:mm), read as Asia/Shanghai wall time (UTC+8, no DST), as an ISO instant. */
export function shanghaiLocalToInstant(local) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local || '');
  if (!m) return null;
  const utc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4] - 8, +m[5]);
  return new Date(utc).toISOString();
}

/** Now in Asia/Shanghai as a datetime-local value (the upper bound of a visit time). */
export function shanghaiNowLocal() {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 16);
}

/** Yuan typed by a person ("1450", "1,450.5") as fen; null when empty; NaN when not a number. */
export function yuanToFen(text) {
  const cleaned = String(text ?? '').replace(/[,\s¥，]/g, '');
  if (cleaned === '') return null;
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return NaN;
  return Math.round(parseFloat(cleaned) * 100);
}

export function shortId(id) {
  return id ? String(id).slice(0, 8) : '';
}
