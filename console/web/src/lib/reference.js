import { api, withQuery } from './api.js';
import { lang } from './i18n.js';

/** Reference data read once per page load: the service menu, the policy library per community. */
let menu = null;
const policies = new Map();

export function serviceMenu() {
  if (!menu) {
    menu = api('/api/referral/service-menu').then((answer) => answer.data || { categories: [] });
    menu.catch(() => (menu = null));
  }
  return menu;
}

export function policyLibrary(community) {
  if (!policies.has(community)) {
    const promise = api(withQuery('/api/referral/policies', { community })).then((answer) =>
      (Array.isArray(answer.data) ? answer.data : []).map((view) => view.programme || view),
    );
    promise.catch(() => policies.delete(community));
    policies.set(community, promise);
  }
  return policies.get(community);
}

/** The Chinese or English name of something that carries nameZh and nameEn. */
export function localName(thing, fallback) {
  if (!thing) return fallback ?? '';
  return (lang() === 'en' ? thing.nameEn : thing.nameZh) || thing.name || fallback || thing.code || '';
}

/** The service-menu item with this code, or null. */
export function menuItem(menuData, code) {
  for (const category of menuData?.categories || []) {
    for (const item of category.items || []) if (item.code === code) return item;
  }
  return null;
}

export function itemName(menuData, code) {
  const item = menuItem(menuData, code);
  return item ? localName(item) : code;
}
