import { t } from '../lib/i18n.js';
import { describe } from '../lib/problems.js';

/** An error in words (never a stack trace or raw JSON); a 412 offers a reload that keeps the typed text. */
export function ErrorNotice({ error, context, onReload, testid }) {
  if (!error) return null;
  const described = describe(error, context);
  if (!described) return null;
  return (
    <div class={`notice notice-${described.kind}`} role="alert" data-testid={testid || 'error'}>
      {described.lines.map((line, i) => (
        <p key={i}>{line}</p>
      ))}
      {described.kind === 'stale' && onReload && (
        <p class="notice-hint">{t('error.reloadKeepsText')}</p>
      )}
      {(described.kind === 'stale' || described.kind === 'conflict') && onReload && (
        <button type="button" class="button-secondary" onClick={onReload}>
          {t('action.reload')}
        </button>
      )}
    </div>
  );
}

/** A polite status line (saved, loading...). */
export function StatusLine({ text }) {
  return (
    <p class="status-line" role="status" aria-live="polite">
      {text || ''}
    </p>
  );
}
