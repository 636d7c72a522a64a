import zh from '../i18n/zh-CN.json';
import en from '../i18n/en.json';
import { createStore, storage } from './store.js';

const dictionaries = { 'zh-CN': zh, en };
export const LANGUAGES = ['zh-CN', 'en'];
const KEY = 'zc.lang';

function initial() {
  const saved = storage.get('localStorage', KEY);
  return saved && dictionaries[saved] ? saved : 'zh-CN';
}

let current = initial();
export const langStore = createStore({ lang: current });
document.documentElement.lang = current;

export function lang() {
  return current;
}

export function setLang(next) {
  if (!dictionaries[next] || next === current) return;
  current = next;
  storage.set('localStorage', KEY, next);
  document.documentElement.lang = next;
  langStore.set({ lang: next });
}

/** The message `key` in the current language (Simplified Chinese when missing), `{name}` replaced from params. */
export function t(key, params) {
  let text = dictionaries[current][key] ?? zh[key];
  if (text === undefined) return key;
  if (params) {
    text = text.replace(/\{(\w+)\}/g, (all, name) => (params[name] === undefined || params[name] === null ? all : String(params[name])));
  }
  return text;
}

/** True when a message exists (for code values the server may add later). */
export function has(key) {
  return dictionaries[current][key] !== undefined || zh[key] !== undefined;
}

/** A code value (stage, urgency, department...) in words; an unknown code as it is, null as a dash. */
export function tc(group, value) {
  if (value === null || value === undefined || value === '') return t('common.none');
  const key = `${group}.${value}`;
  return has(key) ? t(key) : String(value);
}

/** The BCP 47 locale for Intl formatting. */
export function locale() {
  return current === 'en' ? 'en-GB' : 'zh-CN';
}
