import { useEffect, useState } from 'preact/hooks';
import { get, post } from '../lib/api.js';
import { t, tc } from '../lib/i18n.js';
import { dateTime } from '../lib/format.js';
import { ErrorNotice } from '../components/ErrorNotice.jsx';
import { CommandForm, Select, TextArea } from '../components/CommandForm.jsx';
import { Loading, PageTitle } from '../components/Page.jsx';

const CATEGORIES = ['SERVICE_QUALITY', 'DECISION_DISPUTED', 'STAFF_CONDUCT', 'DATA_PRIVACY', 'OTHER'];
const SUBJECTS = ['CASE', 'DECISION', 'PERSON'];
const OUTCOMES = ['UPHELD', 'PARTLY_UPHELD', 'NOT_UPHELD', 'WITHDRAWN'];

/** One complaint: its facts, and the steps the signed-in user may take on it (handlers; the complainant withdraws). */
function ComplaintItem({ complaint, user, onChanged }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const base = `/api/referral/complaints/${encodeURIComponent(complaint.id)}`;
  const titleId = `complaint-${complaint.id}-title`;
  const handler = complaint.handlers.includes(user.id);
  const complainant = complaint.complainantId === user.id;
  const acknowledge = async () => {
    setBusy(true);
    setError(null);
    try {
      onChanged((await post(`${base}/acknowledge`)).data);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const outcomes = handler && complaint.allowedSteps.includes('RESOLVE') ? OUTCOMES : ['WITHDRAWN'];
  return (
    <li class="card" data-testid="complaint-row" data-complaint-id={complaint.id} aria-labelledby={titleId}>
      <h2 class="card-title" id={titleId}>
        {t('complaints.itemTitle', { category: tc('complaintCategory', complaint.category), subject: tc('complaintSubject', complaint.subject) })}
      </h2>
      <dl class="facts">
        <div>
          <dt>{t('complaints.status')}</dt>
          <dd>
            <span class={`tag tag-complaint-${complaint.status}`} data-testid="complaint-status">
              {tc('complaintStatus', complaint.status)}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('complaints.case')}</dt>
          <dd>
            <code>{complaint.caseId}</code>
          </dd>
        </div>
        {complaint.personId && (
          <div>
            <dt>{t('complaints.person')}</dt>
            <dd>{complaint.personId}</dd>
          </div>
        )}
        <div>
          <dt>{t('complaints.owner')}</dt>
          <dd>{complaint.ownerId}</dd>
        </div>
        <div>
          <dt>{t('complaints.acknowledgeBy')}</dt>
          <dd>{dateTime(complaint.acknowledgeBy)}</dd>
        </div>
        <div>
          <dt>{t('complaints.resolveBy')}</dt>
          <dd>{dateTime(complaint.resolveBy)}</dd>
        </div>
        {complaint.outcome && (
          <div>
            <dt>{t('complaints.outcome')}</dt>
            <dd data-testid="complaint-outcome">{tc('complaintOutcome', complaint.outcome)}</dd>
          </div>
        )}
      </dl>
      <p>{complaint.description}</p>
      {complaint.outcomeNote && <p class="feedback">{complaint.outcomeNote}</p>}
      {handler && complaint.allowedSteps.includes('ACKNOWLEDGE') && (
        <div class="actions-row">
          <button type="button" class="button-primary" onClick={acknowledge} disabled={busy} aria-describedby={titleId}>
            {busy ? t('common.sending') : t('complaints.acknowledge')}
          </button>
        </div>
      )}
      <ErrorNotice error={error} context="complaint" />
      {(handler || complainant) && complaint.status !== 'RESOLVED' && (handler ? complaint.allowedSteps.length > 0 : true) && (
        <div class="action-forms">
          <CommandForm
            id={`resolve-${complaint.id}`}
            testid="form-resolve"
            title={t('complaints.resolve')}
            draftKey={`complaint:${complaint.id}:resolve`}
            initial={{ outcome: '', note: '' }}
            submitLabel={t('complaints.resolveSubmit')}
            context="complaint"
            onDone={onChanged}
            send={(v, { fail }) => {
              if (!v.outcome) fail(t('complaints.outcomeRequired'));
              return post(`${base}/resolve`, { outcome: v.outcome, note: v.note.trim() || null });
            }}
            render={(v, update) => (
              <>
                <Select
                  id={`resolve-${complaint.id}-outcome`}
                  label={t('complaints.outcome')}
                  required
                  value={v.outcome}
                  placeholder={t('complaints.choose')}
                  options={outcomes.map((o) => [o, tc('complaintOutcome', o)])}
                  onChange={(outcome) => update({ outcome })}
                />
                <TextArea id={`resolve-${complaint.id}-note`} label={t('complaints.note')} value={v.note} onInput={(note) => update({ note })} />
              </>
            )}
          />
        </div>
      )}
    </li>
  );
}

/** The complaints the user filed or handles, and a form to file one about a case of their area. */
export function ComplaintsPage({ user, query }) {
  const [items, setItems] = useState(null);
  const [error, setError] = useState(null);
  const load = () =>
    get('/api/referral/complaints').then(
      (answer) => setItems(answer.data || []),
      (e) => {
        setError(e);
        setItems([]);
      },
    );
  useEffect(() => {
    load();
  }, []);
  const changed = (updated) => {
    if (updated && updated.id) setItems((list) => [updated, ...(list || []).filter((c) => c.id !== updated.id)]);
    else load();
  };
  const advisor = (user.roles || []).includes('ADVISOR');
  return (
    <>
      <PageTitle>{t('page.complaints')}</PageTitle>
      <p class="muted">{t('complaints.intro')}</p>
      <div class="action-forms">
        <CommandForm
          id="file-complaint"
          testid="form-file-complaint"
          title={t('complaints.file')}
          draftKey="complaint:new"
          initial={{ caseId: (query && query.case) || '', category: '', subject: 'CASE', personId: '', decisionId: '', description: '', onBehalfOfHousehold: false }}
          submitLabel={t('complaints.fileSubmit')}
          context="complaint"
          onDone={changed}
          send={(v, { fail }) => {
            if (!v.caseId.trim()) fail(t('complaints.caseRequired'));
            if (!v.category) fail(t('complaints.categoryRequired'));
            if (!v.description.trim()) fail(t('complaints.descriptionRequired'));
            return post('/api/referral/complaints', {
              caseId: v.caseId.trim(),
              category: v.category,
              subject: v.subject,
              personId: v.subject === 'PERSON' ? v.personId.trim() : null,
              decisionId: v.subject === 'DECISION' ? v.decisionId.trim() : null,
              description: v.description.trim(),
              onBehalfOfHousehold: advisor && !!v.onBehalfOfHousehold,
            });
          }}
          render={(v, update) => (
            <>
              <div class="field">
                <label for="complaint-case">
                  {t('complaints.case')}
                  <span class="required"> {t('form.required')}</span>
                </label>
                <input id="complaint-case" type="text" required value={v.caseId} onInput={(e) => update({ caseId: e.currentTarget.value })} />
              </div>
              <Select
                id="complaint-category"
                label={t('complaints.category')}
                required
                value={v.category}
                placeholder={t('complaints.choose')}
                options={CATEGORIES.map((c) => [c, tc('complaintCategory', c)])}
                onChange={(category) => update({ category })}
              />
              <Select
                id="complaint-subject"
                label={t('complaints.subject')}
                value={v.subject}
                options={SUBJECTS.map((s) => [s, tc('complaintSubject', s)])}
                onChange={(subject) => update({ subject })}
              />
              {v.subject === 'PERSON' && (
                <div class="field">
                  <label for="complaint-person">{t('complaints.person')}</label>
                  <input id="complaint-person" type="text" required value={v.personId} onInput={(e) => update({ personId: e.currentTarget.value })} />
                </div>
              )}
              {v.subject === 'DECISION' && (
                <div class="field">
                  <label for="complaint-decision">{t('complaints.decision')}</label>
                  <input id="complaint-decision" type="text" required value={v.decisionId} onInput={(e) => update({ decisionId: e.currentTarget.value })} />
                </div>
              )}
              <TextArea id="complaint-description" label={t('complaints.description')} hint={t('complaints.descriptionHint')} required value={v.description} onInput={(description) => update({ description })} />
              {advisor && (
                <div class="field-check">
                  <input id="complaint-on-behalf" type="checkbox" checked={v.onBehalfOfHousehold} onChange={(e) => update({ onBehalfOfHousehold: e.currentTarget.checked })} />
                  <label for="complaint-on-behalf">{t('complaints.onBehalf')}</label>
                </div>
              )}
            </>
          )}
        />
      </div>
      <ErrorNotice error={error} context="complaint" />
      {items === null ? (
        <Loading />
      ) : items.length === 0 ? (
        !error && <p class="empty">{t('complaints.none')}</p>
      ) : (
        <ul class="card-list" data-testid="complaint-list">
          {items.map((c) => (
            <ComplaintItem key={`${c.id}-${c.status}`} complaint={c} user={user} onChanged={changed} />
          ))}
        </ul>
      )}
    </>
  );
}
