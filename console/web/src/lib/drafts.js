import { useState } from 'preact/hooks';
import { storage } from './store.js';

/**
 * A form's values kept in sessionStorage as the user types (key per case and form), restored when the form is
 * shown again (after a reload, a 412, or a sign-in round trip), cleared after a successful submit.
 */
const PREFIX = 'zc.draft.';

export function readDraft(key) {
  const saved = storage.get('sessionStorage', PREFIX + key);
  if (!saved) return null;
  try {
    return JSON.parse(saved);
  } catch {
    return null;
  }
}

export function useDraft(key, initial) {
  const [value, setValue] = useState(() => {
    const saved = readDraft(key);
    return saved && typeof saved === 'object' ? { ...initial, ...saved } : initial;
  });
  const [restored] = useState(() => readDraft(key) !== null);
  const update = (patch) =>
    setValue((previous) => {
      const next = typeof patch === 'function' ? patch(previous) : { ...previous, ...patch };
      storage.set('sessionStorage', PREFIX + key, JSON.stringify(next));
      return next;
    });
  const clear = () => {
    storage.remove('sessionStorage', PREFIX + key);
    setValue(initial);
  };
  return [value, update, clear, restored];
}
