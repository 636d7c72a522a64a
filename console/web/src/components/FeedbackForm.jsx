import { post } from '../lib/api.js';
import { t } from '../lib/i18n.js';
import { CommandForm, Select, TextArea } from './CommandForm.jsx';

/** The statuses of a service that reached the household: only these are evaluated (referral's rule). */
export const DELIVERED = ['GRANTED', 'COMPLETED'];

/**
 * The household's evaluation of a service delivered to it (有评价): satisfaction 1 to 5, whether it reached the
 * household, a note. `path` is where it goes: the case's advisor posts on the case, the organisation on its referral.
 * Recorded once; the answer is the evaluation.
 */
export function FeedbackForm({ id, path, draftKey, onDone, onReload }) {
  return (
    <CommandForm
      id={`feedback-${id}`}
      testid="form-feedback"
      title={t('feedback.record')}
      draftKey={draftKey}
      initial={{ satisfaction: '', delivered: 'yes', note: '' }}
      submitLabel={t('feedback.submit')}
      context="feedback"
      onDone={onDone}
      onReload={onReload}
      send={(v, { fail }) => {
        const satisfaction = Number(v.satisfaction);
        if (!(satisfaction >= 1 && satisfaction <= 5)) fail(t('feedback.satisfactionRequired'));
        const body = { satisfaction, delivered: v.delivered === 'yes' };
        if (v.note.trim()) body.note = v.note.trim();
        return post(path, body);
      }}
      render={(v, update) => (
        <>
          <Select
            id={`feedback-${id}-satisfaction`}
            label={t('feedback.satisfaction')}
            required
            value={v.satisfaction}
            placeholder={t('feedback.pick')}
            options={[5, 4, 3, 2, 1].map((n) => [String(n), t(`feedback.score.${n}`)])}
            onChange={(satisfaction) => update({ satisfaction })}
          />
          <Select
            id={`feedback-${id}-delivered`}
            label={t('feedback.delivered')}
            required
            value={v.delivered}
            options={[
              ['yes', t('feedback.deliveredYes')],
              ['no', t('feedback.deliveredNo')],
            ]}
            onChange={(delivered) => update({ delivered })}
          />
          <TextArea
            id={`feedback-${id}-note`}
            label={t('feedback.note')}
            hint={t('feedback.noteHint')}
            rows={3}
            maxLength={2000}
            value={v.note}
            onInput={(note) => update({ note })}
          />
        </>
      )}
    />
  );
}

/** One evaluation as a line: the score, whether it reached the household, the note, who and when. */
export function EvaluationLine({ evaluation, at }) {
  return (
    <p class="feedback" data-testid="evaluation">
      {t('feedback.line', {
        satisfaction: evaluation.satisfaction,
        delivered: evaluation.delivered ? t('feedback.deliveredYes') : t('feedback.deliveredNo'),
        by: evaluation.recordedBy,
        at,
      })}
      {evaluation.note ? ` · ${evaluation.note}` : ''}
    </p>
  );
}
