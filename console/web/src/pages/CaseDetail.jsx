import { useEffect, useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import { t, tc } from '../lib/i18n.js';
import { dateTime, number } from '../lib/format.js';
import { useResource } from '../lib/useResource.js';
import { isSupervisor } from '../lib/roles.js';
import { Link } from '../lib/router.js';
import { ErrorNotice } from '../components/ErrorNotice.jsx';
import { Loading, PageTitle } from '../components/Page.jsx';
import { Overdue, Urgency } from '../components/CaseCard.jsx';
import { CaseActions } from '../components/CaseActions.jsx';
import { PlanSection } from '../components/PlanSection.jsx';
import { DELIVERED, EvaluationLine, FeedbackForm } from '../components/FeedbackForm.jsx';
import { Reassign } from '../components/Reassign.jsx';
import { itemName, localName, policyLibrary, serviceMenu } from '../lib/reference.js';

function Row({ label, children, testid }) {
  return (
    <div data-testid={testid}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Summary({ view }) {
  const contact = view.contact;
  return (
    <section aria-labelledby="summary-heading" class="panel">
      <h2 id="summary-heading">{t('case.summary')}</h2>
      <dl class="facts facts-wide" data-testid="case-summary">
        <Row label={t('case.household')}>{view.householdNumber}</Row>
        <Row label={t('case.community')}>{view.communityCode}</Row>
        {contact ? (
          <>
            <Row label={t('case.headName')}>{contact.headName || t('common.none')}</Row>
            <Row label={t('case.address')}>{contact.address || t('common.none')}</Row>
            <Row label={t('case.phone')}>
              {contact.phone ? <a href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`}>{contact.phone}</a> : t('common.none')}
            </Row>
          </>
        ) : (
          <Row label={t('case.contact')}>{t('case.noContact')}</Row>
        )}
        <Row label={t('case.stage')} testid="case-stage">
          {tc('stage', view.stage)}
        </Row>
        <Row label={t('case.urgency')}>
          <Urgency value={view.urgency} />
        </Row>
        <Row label={t('case.due')} testid="case-due">
          {view.dueStep ? (
            <>
              {tc('dueStep', view.dueStep)} · <time dateTime={view.dueAt}>{dateTime(view.dueAt)}</time> <Overdue overdue={view.overdue} />
            </>
          ) : (
            t('common.none')
          )}
        </Row>
        <Row label={t('case.owner')}>
          {view.ownerId}
          {view.ownerRole ? ` (${tc('role', view.ownerRole)})` : ''}
        </Row>
        <Row label={t('case.tier')}>{tc('tier', view.tier)}</Row>
        <Row label={t('case.openedAt')}>{dateTime(view.openedAt)}</Row>
        {view.assistFirst && <Row label={t('case.assistFirst')}>{t('common.yes')}</Row>}
      </dl>
      {view.closeProposed && <p class="notice notice-info">{t('case.closeProposed')}</p>}
    </section>
  );
}

function WarningSection({ view }) {
  const w = view.warning;
  return (
    <section aria-labelledby="warning-heading" class="panel">
      <h2 id="warning-heading">{t('warning.title')}</h2>
      {!w ? (
        <>
          <dl class="facts">
            <Row label={t('warning.category')}>{tc('category', view.category)}</Row>
            <Row label={t('warning.level')}>{tc('level', view.level)}</Row>
          </dl>
          <p class="muted">{t('warning.noDetail')}</p>
        </>
      ) : (
        <>
          <dl class="facts facts-wide" data-testid="warning-summary">
            <Row label={t('warning.category')}>{tc('category', w.category)}</Row>
            <Row label={t('warning.level')}>
              <span class={`level level-${w.level}`}>{tc('level', w.level)}</span>
            </Row>
            <Row label={t('warning.score')}>{t('warning.scoreValue', { total: number(w.total, 1), threshold: number(w.threshold, 1) })}</Row>
            <Row label={t('warning.model')}>{w.modelVersion || t('common.none')}</Row>
            <Row label={t('warning.raisedAt')}>{dateTime(w.raisedAt)}</Row>
          </dl>
          <h3 id="reasons-heading">{t('warning.reasons')}</h3>
          {(w.reasons || []).length === 0 ? (
            <p class="muted">{t('warning.noReasons')}</p>
          ) : (
            <table class="stack-table" aria-labelledby="reasons-heading" data-testid="warning-reasons">
              <thead>
                <tr>
                  <th scope="col">{t('warning.fact')}</th>
                  <th scope="col">{t('warning.department')}</th>
                  <th scope="col">{t('warning.dimension')}</th>
                  <th scope="col" class="num">
                    {t('warning.points')}
                  </th>
                  <th scope="col">{t('warning.occurredAt')}</th>
                </tr>
              </thead>
              <tbody>
                {w.reasons.map((r, i) => (
                  <tr key={r.eventId || i}>
                    <td data-label={t('warning.fact')}>{tc('eventType', r.eventType)}</td>
                    <td data-label={t('warning.department')}>{tc('department', r.department)}</td>
                    <td data-label={t('warning.dimension')}>{tc('dimension', r.dimension)}</td>
                    <td data-label={t('warning.points')} class="num">
                      {r.points > 0 ? `+${r.points}` : r.points}
                    </td>
                    <td data-label={t('warning.occurredAt')}>{dateTime(r.occurredAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}

function ReferralsSection({ view, revision, onChanged }) {
  const list = useResource(() => api(`/api/referral/cases/${encodeURIComponent(view.id)}/referrals`), [view.id, revision]);
  const evaluations = useResource(() => api(`/api/referral/cases/${encodeURIComponent(view.id)}/feedback`), [view.id, revision]);
  const evaluationOf = (referralId) => (Array.isArray(evaluations.data) ? evaluations.data : []).find((e) => e.referralId === referralId);
  const [menu, setMenu] = useState(null);
  const [programmes, setProgrammes] = useState([]);
  useEffect(() => {
    serviceMenu().then(setMenu, () => setMenu(null));
    policyLibrary(view.communityCode).then(setProgrammes, () => setProgrammes([]));
  }, [view.communityCode]);
  const programmeName = (code) => {
    const found = programmes.find((p) => p.code === code);
    return found ? `${localName(found, code)} (${code})` : code;
  };
  const items = Array.isArray(list.data) ? list.data : [];
  return (
    <section aria-labelledby="referrals-heading" class="panel">
      <h2 id="referrals-heading">{t('referrals.ofCase')}</h2>
      <ErrorNotice error={list.error} context="section" />
      <ErrorNotice error={evaluations.error} context="section" />
      {list.loading && !list.data ? (
        <Loading />
      ) : items.length === 0 ? (
        !list.error && <p class="muted">{t('referrals.none')}</p>
      ) : (
        <ul class="plain-list" data-testid="case-referrals">
          {items.map((r) => (
            <li key={r.id} class="referral-line">
              <strong>{tc('tier', r.tier)}</strong>
              {' · '}
              {r.programme ? programmeName(r.programme) : r.organisationId ? `${r.organisationId}${r.service ? ' · ' + itemName(menu, r.service) : ''}` : t('referrals.tracking')}
              {' · '}
              <span class={`tag tag-referral-${r.status}`}>{tc('referralStatus', r.status)}</span>
              <span class="muted">
                {' · '}
                {t('referrals.updated', { at: dateTime(r.updatedAt) })}
                {r.reviewIntervalDays ? ` · ${t('plan.days', { n: r.reviewIntervalDays })}` : ''}
              </span>
              {r.feedback && <p class="feedback">{t('referrals.feedbackLine', { text: r.feedback })}</p>}
              {evaluationOf(r.id) ? (
                <EvaluationLine evaluation={evaluationOf(r.id)} at={dateTime(evaluationOf(r.id).recordedAt)} />
              ) : (
                DELIVERED.includes(r.status) &&
                !evaluations.loading && (
                  <div class="action-forms">
                    <FeedbackForm
                      id={r.id}
                      path={`/api/referral/cases/${encodeURIComponent(view.id)}/referrals/${encodeURIComponent(r.id)}/feedback`}
                      draftKey={`case:${view.id}:feedback:${r.id}`}
                      onDone={onChanged}
                      onReload={evaluations.reload}
                    />
                  </div>
                )
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Timeline({ view, revision }) {
  const list = useResource(() => api(`/api/referral/cases/${encodeURIComponent(view.id)}/timeline`), [view.id, revision]);
  const items = Array.isArray(list.data) ? list.data : [];
  return (
    <section aria-labelledby="timeline-heading" class="panel">
      <h2 id="timeline-heading">{t('timeline.title')}</h2>
      <ErrorNotice error={list.error} context="section" />
      {list.loading && !list.data ? (
        <Loading />
      ) : items.length === 0 ? (
        !list.error && <p class="muted">{t('timeline.none')}</p>
      ) : (
        <ol class="timeline" data-testid="timeline">
          {items.map((entry, i) => (
            <li key={i} data-type={entry.type}>
              <p class="timeline-head">
                <time dateTime={entry.at}>{dateTime(entry.at)}</time>
                {' · '}
                <strong>{tc('timeline', entry.type)}</strong>
                {entry.actor ? ` · ${entry.actor}` : ''}
                {entry.stage ? <span class="muted"> · {tc('stage', entry.stage)}</span> : ''}
              </p>
              {entry.text && <p class="timeline-text">{entry.text}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function CaseDetail({ user, params }) {
  const id = params.id;
  const [revision, setRevision] = useState(0);
  const answer = useResource(() => api(`/api/referral/cases/${encodeURIComponent(id)}`), [id, revision]);
  const view = answer.data;
  if (answer.loading && !view) {
    return (
      <>
        <PageTitle>{t('page.case')}</PageTitle>
        <Loading />
      </>
    );
  }
  if (!view) {
    return (
      <>
        <PageTitle>{t('page.case')}</PageTitle>
        <ErrorNotice error={answer.error} context="case" testid="case-error" />
        <p>
          <Link href="/">{t('action.home')}</Link>
        </p>
      </>
    );
  }
  const version = view.version ?? answer.meta?.etag;
  const changed = () => setRevision((n) => n + 1);
  const supervisor = isSupervisor(user);
  return (
    <>
      <PageTitle title={t('case.title', { household: view.householdNumber })}>
        {t('case.title', { household: view.householdNumber })}
      </PageTitle>
      <p class="case-status-line">
        <span class="tag">{tc('stage', view.stage)}</span> <Urgency value={view.urgency} /> <Overdue overdue={view.overdue} />
      </p>
      {answer.error && <ErrorNotice error={answer.error} context="case" />}
      <div class="case-layout">
        <div class="case-main">
          <Summary view={view} />
          <WarningSection view={view} />
          <section aria-labelledby="actions-heading" class="panel">
            <h2 id="actions-heading">{t('case.actions')}</h2>
            <CaseActions key={`${view.stage}-${version}`} view={view} version={version} onChanged={changed} onReload={answer.reload} />
            {supervisor && view.status !== 'CLOSED' && !['DISMISSED', 'CLOSED'].includes(view.stage) && (
              <div class="action-forms">
                <Reassign item={view} version={version} onDone={changed} onReload={answer.reload} />
              </div>
            )}
          </section>
          <section aria-labelledby="plan-heading" class="panel" id="plan">
            <h2 id="plan-heading">{t('plan.title')}</h2>
            <PlanSection view={view} supervisor={supervisor} userId={user.id} revision={revision} onChanged={changed} />
          </section>
          <ReferralsSection view={view} revision={revision} onChanged={changed} />
        </div>
        <div class="case-side">
          <Timeline view={view} revision={revision} />
        </div>
      </div>
    </>
  );
}
