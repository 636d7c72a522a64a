import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** Client-side routes with the History API (the BFF answers index.html on every non-API path). */
const listeners = new Set();

function snapshot() {
  return { path: location.pathname, query: new URLSearchParams(location.search), search: location.search };
}

function emit(how) {
  const state = snapshot();
  listeners.forEach((listener) => listener(state, how));
}

window.addEventListener('popstate', () => emit('pop'));

/** `keepFocus`: a new entry in the history, but focus stays where it is (tabs, filters). */
export function navigate(to, { replace = false, keepFocus = false } = {}) {
  if (to === location.pathname + location.search && !replace) return;
  history[replace ? 'replaceState' : 'pushState'](null, '', to);
  emit(replace ? 'replace' : keepFocus ? 'keep' : 'push');
}

export function useLocation() {
  const [state, setState] = useState(snapshot);
  useEffect(() => {
    const listener = (next) => setState(next);
    listeners.add(listener);
    // a child may have navigated before this effect ran (children's effects run first)
    if (location.pathname !== state.path || location.search !== state.search) setState(snapshot());
    return () => listeners.delete(listener);
  }, []);
  return state;
}

export function onNavigate(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Matches `/cases/:id` against a path: the parameters, or null. */
export function match(pattern, path) {
  const names = [];
  const regex = new RegExp(
    '^' + pattern.replace(/\/:(\w+)/g, (all, name) => (names.push(name), '/([^/]+)')) + '/?$',
  );
  const found = regex.exec(path);
  if (!found) return null;
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(found[i + 1])]));
}

/** A link that navigates in the page (a real <a href>, so it opens in a new tab too). */
export function Link({ href, children, keepFocus, ...rest }) {
  const onClick = (event) => {
    if (rest.onClick) rest.onClick(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href, { keepFocus });
  };
  const current = typeof window !== 'undefined' && location.pathname === href ? 'page' : undefined;
  return h('a', { ...rest, href, onClick, 'aria-current': rest['aria-current'] ?? current }, children);
}
