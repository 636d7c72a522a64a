import { useEffect, useState } from 'preact/hooks';
import { api, csrfToken } from './lib/api.js';
import { langStore, t, tc } from './lib/i18n.js';
import { useStore } from './lib/store.js';
import { Link, match, navigate, onNavigate, useLocation } from './lib/router.js';
import { alertStore, isPaused, startAlerts, unreadCount } from './lib/alerts.js';
import { homePath, isAdvisor, isOrganisation, isReporter, isSupervisor, receivesAlerts, worksCases } from './lib/roles.js';
import { ErrorNotice } from './components/ErrorNotice.jsx';
import { LanguageSwitch } from './components/LanguageSwitch.jsx';
import { Loading, PageTitle } from './components/Page.jsx';
import { SignIn } from './pages/SignIn.jsx';
import { AlertsPage } from './pages/Alerts.jsx';
import { MyCases } from './pages/MyCases.jsx';
import { CaseDetail } from './pages/CaseDetail.jsx';
import { AreaPage } from './pages/Area.jsx';
import { ReferralsPage } from './pages/Referrals.jsx';
import { ComplaintsPage } from './pages/Complaints.jsx';
import { TipsPage } from './pages/Tips.jsx';

/** The statistics page (and Chart.js behind it) is loaded only when it is opened. */
function StatisticsRoute(props) {
  const [Page, setPage] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    let live = true;
    import('./pages/Statistics.jsx')
      .then((module) => live && setPage(() => module.StatisticsPage))
      .catch(() => live && setError({ network: true }));
    return () => (live = false);
  }, []);
  if (error) return <ErrorNotice error={error} />;
  return Page ? <Page {...props} /> : <Loading />;
}

const ROUTES = [
  { pattern: '/alerts', page: AlertsPage, allowed: receivesAlerts },
  { pattern: '/cases', page: MyCases, allowed: worksCases },
  { pattern: '/cases/:id', page: CaseDetail, allowed: worksCases },
  { pattern: '/area', page: AreaPage, allowed: isSupervisor },
  { pattern: '/statistics', page: StatisticsRoute, allowed: worksCases },
  { pattern: '/referrals', page: ReferralsPage, allowed: isOrganisation },
  { pattern: '/complaints', page: ComplaintsPage, allowed: worksCases },
  { pattern: '/tips', page: TipsPage, allowed: isReporter },
];

function navItems(user) {
  const items = [];
  if (isAdvisor(user)) items.push({ href: '/cases', label: t('nav.cases') });
  if (isSupervisor(user)) items.push({ href: '/area', label: t('nav.area') });
  if (receivesAlerts(user)) items.push({ href: '/alerts', label: t('nav.alerts'), alerts: true });
  if (worksCases(user)) items.push({ href: '/statistics', label: t('nav.statistics') });
  if (isOrganisation(user)) items.push({ href: '/referrals', label: t('nav.referrals') });
  if (worksCases(user)) items.push({ href: '/complaints', label: t('nav.complaints') });
  if (isReporter(user)) items.push({ href: '/tips', label: t('nav.tips') });
  return items;
}

function AlertBadge() {
  const { items } = useStore(alertStore);
  const count = unreadCount(items);
  return (
    <>
      <span class={count ? 'badge' : 'badge badge-zero'} data-testid="alert-badge" aria-hidden="true">
        {count}
      </span>
      <span class="visually-hidden">{t('alerts.badgeLabel', { count })}</span>
    </>
  );
}

function ConnectionState() {
  const state = useStore(alertStore);
  const key = !state.online ? 'offline' : state.connection;
  return (
    <span class={`connection connection-${key}`} data-testid="connection-state" data-state={key}>
      <span class="connection-dot" aria-hidden="true" />
      {t(`connection.${key}`)}
    </span>
  );
}

function OfflineBanner() {
  const state = useStore(alertStore);
  if (!isPaused(state)) return null;
  return (
    <div class="banner banner-offline" role="status" data-testid="offline-banner">
      <p>{t('alerts.paused')}</p>
      <p class="banner-sub">{t('alerts.pausedHint')}</p>
    </div>
  );
}

/** Screen readers hear that an alert arrived. */
function AlertAnnouncer() {
  const { latest } = useStore(alertStore);
  return (
    <div class="visually-hidden" aria-live="polite" aria-atomic="true">
      {latest ? t('alerts.announce', { kind: tc('alertKind', latest.kind), community: latest.communityCode }) : ''}
    </div>
  );
}

function SignOut() {
  const onSubmit = (event) => {
    event.currentTarget.elements._csrf.value = csrfToken() || '';
    // a signed-out browser keeps no draft of case text
    try {
      Object.keys(sessionStorage)
        .filter((key) => key.startsWith('zc.'))
        .forEach((key) => sessionStorage.removeItem(key));
    } catch {
      /* ignore */
    }
  };
  return (
    <form method="post" action="/logout" class="signout" onSubmit={onSubmit}>
      <input type="hidden" name="_csrf" value="" />
      <button type="submit" class="button-link">
        {t('action.signOut')}
      </button>
    </form>
  );
}

function Header({ user, path }) {
  const items = navItems(user);
  const roles = (user.roles || []).map((role) => tc('role', role)).join('、');
  return (
    <header class="site-header">
      <div class="header-row">
        <p class="brand">
          <Link href="/" class="brand-link">
            <span class="brand-name">{t('app.name')}</span>
            <span class="brand-console">{t('app.console')}</span>
          </Link>
        </p>
        <div class="header-tools">
          {receivesAlerts(user) && <ConnectionState />}
          <LanguageSwitch />
          <SignOut />
        </div>
      </div>
      <div class="header-row header-row-second">
        <nav aria-label={t('nav.label')} class="main-nav">
          <ul>
            {items.map((item) => (
              <li key={item.href}>
                <Link
                  href={item.href}
                  class="nav-link"
                  aria-current={path === item.href || (item.href !== '/' && path.startsWith(item.href + '/')) ? 'page' : undefined}
                >
                  {item.label}
                  {item.alerts && <AlertBadge />}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <p class="who" data-testid="current-user">
          <span class="who-name">{user.name || user.id}</span>
          <span class="who-role">{roles}</span>
          {user.organisation && <span class="who-role">{user.organisation}</span>}
        </p>
      </div>
    </header>
  );
}

function Forbidden() {
  return (
    <>
      <PageTitle>{t('page.forbidden')}</PageTitle>
      <p>{t('error.pageForbidden')}</p>
      <p>
        <Link href="/">{t('action.home')}</Link>
      </p>
    </>
  );
}

function NotFound() {
  return (
    <>
      <PageTitle>{t('page.notFound')}</PageTitle>
      <p>{t('error.pageNotFound')}</p>
      <p>
        <Link href="/">{t('action.home')}</Link>
      </p>
    </>
  );
}

function Home({ user }) {
  const home = homePath(user);
  useEffect(() => {
    if (home) navigate(home, { replace: true });
  }, [home]);
  if (home) return <Loading />;
  return (
    <>
      <PageTitle>{t('app.fullName')}</PageTitle>
      <p>{t('error.noRole')}</p>
    </>
  );
}

function Shell({ user }) {
  const location = useLocation();
  const path = location.path;
  useEffect(
    () =>
      onNavigate((state, how) => {
        if (how === 'replace' || how === 'keep') return;
        window.scrollTo(0, 0);
        // focus the new page's heading, so keyboard and screen-reader users start there
        requestAnimationFrame(() => {
          const target = document.getElementById('page-title') || document.getElementById('main');
          if (target) target.focus({ preventScroll: true });
        });
      }),
    [],
  );
  let content = null;
  if (path === '/' || path === '') {
    content = <Home user={user} />;
  } else {
    for (const route of ROUTES) {
      const params = match(route.pattern, path);
      if (params) {
        const Page = route.page;
        content = route.allowed(user) ? <Page key={path} user={user} params={params} query={location.query} /> : <Forbidden />;
        break;
      }
    }
    if (!content) content = <NotFound />;
  }
  return (
    <>
      <a class="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <Header user={user} path={path} />
      {receivesAlerts(user) && <OfflineBanner />}
      {receivesAlerts(user) && <AlertAnnouncer />}
      <main id="main" tabIndex={-1}>
        {content}
      </main>
    </>
  );
}

export function App() {
  useStore(langStore); // re-render everything when the language changes
  const [me, setMe] = useState({ state: 'loading' });
  const load = () => {
    setMe({ state: 'loading' });
    api('/api/me', { allow401: true })
      .then((answer) => {
        const user = answer.data || {};
        setMe({ state: 'ready', user });
        if (receivesAlerts(user)) startAlerts(user);
      })
      .catch((error) => setMe(error.status === 401 ? { state: 'signedOut' } : { state: 'error', error }));
  };
  useEffect(load, []);
  if (me.state === 'signedOut') return <SignIn />;
  if (me.state === 'ready') return <Shell user={me.user} />;
  return (
    <main id="main" class="boot">
      <PageTitle title={t('app.fullName')}>{t('app.fullName')}</PageTitle>
      {me.state === 'loading' ? (
        <Loading />
      ) : (
        <>
          <ErrorNotice error={me.error} context="me" />
          <button type="button" class="button-primary" onClick={load}>
            {t('action.retry')}
          </button>
        </>
      )}
    </main>
  );
}
