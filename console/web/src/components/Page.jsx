import { useEffect } from 'preact/hooks';
import { t } from '../lib/i18n.js';

/** The page's one <h1> (focus lands here after navigation) and the document title. */
export function PageTitle({ children, title }) {
  const text = title ?? (typeof children === 'string' ? children : '');
  useEffect(() => {
    document.title = text ? `${text} · ${t('app.name')}` : t('app.fullName');
  }, [text]);
  return (
    <h1 id="page-title" tabIndex={-1}>
      {children}
    </h1>
  );
}

export function Loading() {
  return (
    <p class="loading" role="status">
      {t('common.loading')}
    </p>
  );
}
