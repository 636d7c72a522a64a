import { useState } from 'preact/hooks';
import { t } from '../lib/i18n.js';
import { useDraft } from '../lib/drafts.js';
import { ErrorNotice } from './ErrorNotice.jsx';

/**
 * A form for one step, inside a native disclosure: its values are a draft in sessionStorage (restored, open, when
 * there is one), `send(values)` does the request, and only a success clears the draft. A 412 or 409 keeps every
 * typed character and offers a reload of the case.
 */
export function CommandForm({ id, title, draftKey, initial, render, send, submitLabel, context = 'command', onReload, onDone, danger, testid }) {
  const [values, update, clear, restored] = useDraft(draftKey, initial);
  const [error, setError] = useState(null);
  const [invalid, setInvalid] = useState(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const onSubmit = async (event) => {
    event.preventDefault();
    setError(null);
    setInvalid(null);
    setDone(false);
    setBusy(true);
    try {
      const answer = await send(values, {
        fail: (message) => {
          const e = new Error(message);
          e.local = true;
          throw e;
        },
      });
      clear();
      setDone(true);
      onDone && onDone(answer && answer.data);
    } catch (e) {
      if (e && e.local) setInvalid(e.message);
      else setError(e);
    } finally {
      setBusy(false);
    }
  };
  const headingId = `${id}-heading`;
  return (
    <details class="action-form" open={restored} data-testid={testid || id}>
      <summary>
        <span id={headingId} class="summary-title">
          {title}
        </span>
        {restored && <span class="tag tag-draft">{t('draft.restored')}</span>}
      </summary>
      <form id={id} onSubmit={onSubmit} aria-labelledby={headingId}>
        {render(values, update)}
        {invalid && (
          <div class="notice notice-error" role="alert">
            <p>{invalid}</p>
          </div>
        )}
        <ErrorNotice error={error} context={context} onReload={onReload} />
        <div class="actions-row">
          <button type="submit" class={danger ? 'button-danger' : 'button-primary'} disabled={busy}>
            {busy ? t('common.sending') : submitLabel}
          </button>
        </div>
        <p class="status-line" role="status">
          {done ? t('common.done') : busy ? t('common.sending') : ''}
        </p>
      </form>
    </details>
  );
}

/** A labelled textarea. */
export function TextArea({ id, label, value, onInput, required, hint, rows = 4, maxLength = 4000 }) {
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div class="field">
      <label for={id}>
        {label}
        {required && <span class="required"> {t('form.required')}</span>}
      </label>
      {hint && (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      )}
      <textarea
        id={id}
        rows={rows}
        value={value ?? ''}
        required={required}
        maxLength={maxLength}
        aria-describedby={hintId}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
    </div>
  );
}

/** A labelled select from [value, label] pairs. */
export function Select({ id, label, value, onChange, options, required, placeholder }) {
  return (
    <div class="field">
      <label for={id}>
        {label}
        {required && <span class="required"> {t('form.required')}</span>}
      </label>
      <select id={id} value={value ?? ''} required={required} onChange={(e) => onChange(e.currentTarget.value)}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}
