import { useEffect, useState } from 'preact/hooks';
import { post } from '../lib/api.js';
import { t, tc } from '../lib/i18n.js';
import { dateTime, shortId } from '../lib/format.js';
import { itemName, serviceMenu } from '../lib/reference.js';
import { ErrorNotice } from '../components/ErrorNotice.jsx';
import { CommandForm, TextArea } from '../components/CommandForm.jsx';
import { FeedbackForm } from '../components/FeedbackForm.jsx';
import { Loading, PageTitle } from '../components/Page.jsx';
import { LoadMore, usePagedList } from './MyCases.jsx';

function ReferralItem({ referral, menu, onChanged }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const base = `/api/referral/referrals/${encodeURIComponent(referral.id)}`;
  const titleId = `referral-${referral.id}-title`;
  const service = referral.service ? itemName(menu, referral.service) : t('common.none');
  const accept = async () => {
    setBusy(true);
    setError(null);
    try {
      const answer = await post(`${base}/accept`);
      onChanged(answer.data);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li class="card" data-testid="referral-row" data-referral-id={referral.id} aria-labelledby={titleId}>
      <h2 class="card-title" id={titleId}>
        {t('referrals.itemTitle', { service, case: shortId(referral.caseId) })}
      </h2>
      <dl class="facts">
        <div>
          <dt>{t('referrals.status')}</dt>
          <dd>
            <span class={`tag tag-referral-${referral.status}`} data-testid="referral-status">
              {tc('referralStatus', referral.status)}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('referrals.service')}</dt>
          <dd>{service}</dd>
        </div>
        <div>
          <dt>{t('referrals.case')}</dt>
          <dd>
            <code>{referral.caseId}</code>
          </dd>
        </div>
        <div>
          <dt>{t('case.community')}</dt>
          <dd>{referral.communityCode}</dd>
        </div>
        <div>
          <dt>{t('referrals.tier')}</dt>
          <dd>{tc('tier', referral.tier)}</dd>
        </div>
        <div>
          <dt>{t('referrals.created')}</dt>
          <dd>{dateTime(referral.createdAt)}</dd>
        </div>
        <div>
          <dt>{t('referrals.updatedAt')}</dt>
          <dd>{dateTime(referral.updatedAt)}</dd>
        </div>
      </dl>
      {referral.feedback && <p class="feedback">{t('referrals.feedbackLine', { text: referral.feedback })}</p>}
      {referral.status === 'PROPOSED' && (
        <>
          <div class="actions-row">
            <button type="button" class="button-primary" onClick={accept} disabled={busy} aria-describedby={titleId}>
              {busy ? t('common.sending') : t('referrals.accept')}
            </button>
          </div>
          <ErrorNotice error={error} context="referral" />
          <div class="action-forms">
            <CommandForm
              id={`decline-${referral.id}`}
              testid="form-decline"
              title={t('referrals.decline')}
              draftKey={`referral:${referral.id}:decline`}
              initial={{ reason: '' }}
              submitLabel={t('referrals.declineSubmit')}
              context="referral"
              danger
              onDone={onChanged}
              send={(v, { fail }) => {
                if (!v.reason.trim()) fail(t('referrals.reasonRequired'));
                return post(`${base}/decline`, { reason: v.reason.trim() });
              }}
              render={(v, update) => (
                <TextArea id={`decline-${referral.id}-reason`} label={t('referrals.declineReason')} required value={v.reason} onInput={(reason) => update({ reason })} />
              )}
            />
          </div>
        </>
      )}
      {referral.status === 'ACCEPTED' && (
        <div class="action-forms">
          <CommandForm
            id={`report-${referral.id}`}
            testid="form-report"
            title={t('referrals.report')}
            draftKey={`referral:${referral.id}:report`}
            initial={{ feedback: '', completed: false }}
            submitLabel={t('referrals.reportSubmit')}
            context="referral"
            onDone={onChanged}
            send={(v, { fail }) => {
              if (!v.feedback.trim()) fail(t('referrals.feedbackRequired'));
              return post(`${base}/report`, { feedback: v.feedback.trim(), completed: !!v.completed });
            }}
            render={(v, update) => (
              <>
                <TextArea
                  id={`report-${referral.id}-feedback`}
                  label={t('referrals.feedback')}
                  hint={t('referrals.feedbackHint')}
                  required
                  value={v.feedback}
                  onInput={(feedback) => update({ feedback })}
                />
                <div class="field-check">
                  <input id={`report-${referral.id}-completed`} type="checkbox" checked={v.completed} onChange={(e) => update({ completed: e.currentTarget.checked })} />
                  <label for={`report-${referral.id}-completed`}>{t('referrals.completed')}</label>
                </div>
              </>
            )}
          />
        </div>
      )}
      {referral.status === 'COMPLETED' && !referral.evaluated && (
        <div class="action-forms">
          <FeedbackForm
            id={referral.id}
            path={`${base}/feedback`}
            draftKey={`referral:${referral.id}:feedback`}
            onDone={() => onChanged({ ...referral, evaluated: true })}
          />
        </div>
      )}
      {referral.evaluated && <p class="status-line">{t('feedback.recorded')}</p>}
    </li>
  );
}

export function ReferralsPage() {
  const list = usePagedList('/api/referral/referrals', { limit: 50 }, []);
  const [menu, setMenu] = useState(null);
  useEffect(() => {
    // the menu's names when the organisation may read it; the item codes otherwise
    serviceMenu().then(setMenu, () => setMenu(null));
  }, []);
  const changed = (updated) => {
    if (updated && updated.id) list.replace(updated);
    else list.refresh();
  };
  return (
    <>
      <PageTitle>{t('page.referrals')}</PageTitle>
      <p class="muted">{t('referrals.intro')}</p>
      <ErrorNotice error={list.error} context="referral" />
      {list.loading ? (
        <Loading />
      ) : list.items.length === 0 ? (
        !list.error &&
        <p class="empty">{t('referrals.noneForOrganisation')}</p>
      ) : (
        <ul class="card-list" data-testid="referral-list">
          {list.items.map((r) => (
            <ReferralItem key={`${r.id}-${r.status}`} referral={r} menu={menu} onChanged={changed} />
          ))}
        </ul>
      )}
      <LoadMore list={list} />
    </>
  );
}
