import { api, post, withQuery } from './api.js';
import { createStore, storage } from './store.js';

/**
 * The signed-in user's alerts: the inbox (GET /alerts, newest first), then the live stream
 * (GET /alerts/stream?lastEventId=<last seen>, `event: alert`, `id:` the user's sequence). Alerts are kept once
 * per id and in sequence order (newest first); the last sequence seen is remembered in sessionStorage so a reload
 * resumes where the tab was, and the browser sends Last-Event-ID itself on its own reconnections.
 */
const INBOX = '/api/notification/alerts';
const STREAM = '/api/notification/alerts/stream';
const SOUND_KEY = 'zc.alerts.sound';
/** Show the paused banner when the first connection takes longer than this. */
const SLOW_CONNECT_MS = 5000;

export const alertStore = createStore({
  items: [],
  /** idle | connecting | open | paused */
  connection: 'idle',
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  sound: storage.get('localStorage', SOUND_KEY) === 'on',
  loaded: false,
  next: null,
  error: null,
  /** The newest alert that arrived live, for the screen-reader announcement. */
  latest: null,
});

let source = null;
let userId = null;
let retryTimer = null;
let slowTimer = null;
let retryDelay = 3000;
let started = false;

const lastKey = () => `zc.alerts.lastEventId.${userId}`;

function lastSeen() {
  const value = storage.get('sessionStorage', lastKey());
  return value && /^\d+$/.test(value) ? Number(value) : null;
}

function remember(sequence) {
  if (!Number.isFinite(sequence)) return;
  const last = lastSeen();
  if (last === null || sequence > last) storage.set('sessionStorage', lastKey(), String(sequence));
}

/** Adds or updates alerts, one per id, newest sequence first; the answer is how many were new. */
function merge(alerts) {
  const byId = new Map(alertStore.get().items.map((a) => [a.id, a]));
  let added = 0;
  for (const alert of alerts) {
    if (!alert || !alert.id) continue;
    const known = byId.get(alert.id);
    if (!known) added++;
    // a later copy wins, but never forgets an acknowledgement or a read mark already seen
    byId.set(alert.id, known ? { ...known, ...alert, readAt: alert.readAt || known.readAt, acknowledgedAt: alert.acknowledgedAt || known.acknowledgedAt } : alert);
  }
  const items = [...byId.values()].sort((a, b) => b.sequence - a.sequence);
  alertStore.set({ items });
  return added;
}

export function unreadCount(items) {
  return items.filter((a) => !a.readAt && !a.acknowledgedAt).length;
}

async function loadInbox() {
  const answer = await api(withQuery(INBOX, { limit: 100 }));
  const list = Array.isArray(answer.data) ? answer.data : [];
  merge(list);
  alertStore.set({ loaded: true, error: null, next: alertStore.get().next ?? answer.next });
  return list.reduce((max, a) => Math.max(max, Number(a.sequence) || 0), 0);
}

/** Older alerts (the inbox's next page). */
export async function loadMoreAlerts() {
  const next = alertStore.get().next;
  if (!next) return;
  const answer = await api(withQuery(INBOX, { ...next }));
  merge(Array.isArray(answer.data) ? answer.data : []);
  alertStore.set({ next: answer.next });
}

function setConnection(connection) {
  if (alertStore.get().connection !== connection) alertStore.set({ connection });
}

function closeSource() {
  if (source) {
    source.close();
    source = null;
  }
  clearTimeout(slowTimer);
}

function connect() {
  closeSource();
  clearTimeout(retryTimer);
  const last = lastSeen();
  const url = last === null ? STREAM : withQuery(STREAM, { lastEventId: last });
  const es = new EventSource(url);
  source = es;
  if (alertStore.get().connection !== 'paused') setConnection('connecting');
  slowTimer = setTimeout(() => {
    if (source === es && es.readyState !== EventSource.OPEN) setConnection('paused');
  }, SLOW_CONNECT_MS);
  es.onopen = () => {
    if (source !== es) return;
    clearTimeout(slowTimer);
    retryDelay = 3000;
    setConnection('open');
  };
  es.addEventListener('alert', (event) => {
    if (source !== es) return;
    let alert;
    try {
      alert = JSON.parse(event.data);
    } catch {
      return;
    }
    const sequence = Number(event.lastEventId || alert.sequence);
    if (!Number.isFinite(alert.sequence)) alert.sequence = sequence;
    remember(sequence);
    const added = merge([alert]);
    if (added > 0 && !alert.acknowledgedAt) {
      alertStore.set({ latest: alert });
      if (alertStore.get().sound) beep();
    }
  });
  es.onerror = () => {
    if (source !== es) return;
    setConnection('paused');
    if (es.readyState === EventSource.CLOSED) {
      // the answer was not a stream (400/410 for a stale id, 401, a proxy error): start again from the inbox
      closeSource();
      scheduleRecovery();
    }
    // CONNECTING: the browser reconnects by itself, sending Last-Event-ID
  };
}

function scheduleRecovery() {
  clearTimeout(retryTimer);
  const delay = retryDelay;
  retryDelay = Math.min(retryDelay * 2, 60_000);
  retryTimer = setTimeout(recover, delay);
}

async function recover() {
  if (!navigator.onLine) return; // the online event brings us back
  try {
    const newest = await loadInbox(); // a 401 here sends the user to sign in
    // everything up to the inbox's newest alert is now known: resume after it
    storage.set('sessionStorage', lastKey(), String(Math.max(newest, 0)));
    connect();
  } catch (error) {
    if (error && error.status === 401) return;
    alertStore.set({ error });
    scheduleRecovery();
  }
}

/** Starts the inbox and the stream once per page load, for a user who receives alerts. */
export async function startAlerts(user) {
  if (started) return;
  started = true;
  userId = user.id;
  // Offline: the stream is closed (a half-open connection would otherwise linger until TCP gives up) and the page
  // says alerts are paused. Back online: the inbox is read again and the stream resumes after the newest alert.
  window.addEventListener('online', () => {
    alertStore.set({ online: true });
    retryDelay = 3000;
    recover();
  });
  window.addEventListener('offline', () => {
    closeSource();
    clearTimeout(retryTimer);
    alertStore.set({ online: false });
    setConnection('paused');
  });
  setConnection('connecting');
  try {
    const newest = await loadInbox();
    if (lastSeen() === null) storage.set('sessionStorage', lastKey(), String(newest));
  } catch (error) {
    if (error && error.status === 401) return;
    alertStore.set({ error, loaded: true });
  }
  connect();
}

export async function acknowledge(id, note = null) {
  const answer = await post(`${INBOX}/${encodeURIComponent(id)}/acknowledge`, { note });
  if (answer.data && answer.data.id) merge([answer.data]);
  return answer.data;
}

export async function markRead(id) {
  const alert = alertStore.get().items.find((a) => a.id === id);
  if (!alert || alert.readAt || alert.acknowledgedAt) return;
  try {
    const answer = await post(`${INBOX}/${encodeURIComponent(id)}/read`);
    if (answer.data && answer.data.id) merge([answer.data]);
  } catch {
    /* a read mark is not worth an error message */
  }
}

let audio = null;
let lastBeep = 0;

/** A short beep made with WebAudio (no audio file). */
export function beep() {
  const now = Date.now();
  if (now - lastBeep < 1500) return;
  lastBeep = now;
  try {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return;
    audio = audio || new Context();
    if (audio.state === 'suspended') audio.resume();
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    const start = audio.currentTime;
    oscillator.type = 'sine';
    oscillator.frequency.value = 880;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.25, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.3);
    oscillator.connect(gain);
    gain.connect(audio.destination);
    oscillator.start(start);
    oscillator.stop(start + 0.32);
  } catch {
    /* no sound then */
  }
}

export function setSound(on) {
  storage.set('localStorage', SOUND_KEY, on ? 'on' : 'off');
  alertStore.set({ sound: on });
  if (on) beep(); // in the click's gesture: unlocks audio and lets the user hear it
}

/** Whether the live alerts are paused (the banner shows): offline, or the stream not open. */
export function isPaused(state) {
  return !state.online || state.connection === 'paused';
}
