import { t } from '../lib/i18n.js';
import { LanguageSwitch } from '../components/LanguageSwitch.jsx';
import { PageTitle } from '../components/Page.jsx';

/** Not signed in (GET /api/me answered 401): the product's name and the way to sign in. */
export function SignIn() {
  const query = new URLSearchParams(location.search);
  const failed = query.get('signin') === 'failed';
  const signIn = () => {
    query.delete('signin');
    const rest = query.toString();
    location.assign('/login?return=' + encodeURIComponent(location.pathname + (rest ? `?${rest}` : '')));
  };
  return (
    <div class="signin">
      <header class="signin-header">
        <LanguageSwitch />
      </header>
      <main id="main" class="signin-main">
        <PageTitle title={t('app.fullName')}>
          <span class="signin-product">{t('app.name')}</span>
          <span class="signin-sep" aria-hidden="true"> · </span>
          <span class="signin-console">{t('app.console')}</span>
        </PageTitle>
        {failed && (
          <div class="notice notice-error" role="alert">
            <p>{t('signin.failed')}</p>
          </div>
        )}
        <p>{t('signin.intro')}</p>
        <button type="button" class="button-primary button-large" onClick={signIn}>
          {t('signin.button')}
        </button>
        <p class="muted">{t('signin.note')}</p>
      </main>
    </div>
  );
}
