import type { JSX } from 'react';
import type { Bilingual } from '../../../shared/consents';
import type { ChangeState, ConsentView } from '../../../shared/contract/consents';
import { formatInstant, formatLocalDate, vietnamDate } from '../../../shared/dates';
import { isErrorCode } from '../../../shared/result-rules';
import { errorText } from '../../i18n/error-text';
import { useLocale, useT } from '../../i18n/I18nProvider';

export type PurposeCardProps = {
  purpose: ConsentView;
  disabled: boolean;
  onChoose(granted: boolean): void;
  /** In the review, both choices are shown as buttons and none is taken for the resident. */
  mode: 'switch' | 'choose';
  /** In the review: the choice made there, if any. */
  chosen?: boolean | null;
};

/** One purpose: what data, for what, who receives it, the resident's choice and where a change stands. */
export function PurposeCard({ purpose, disabled, onChoose, mode, chosen = null }: PurposeCardProps): JSX.Element {
  const t = useT();
  const { locale } = useLocale();
  const text = (value: Bilingual): string => value[locale];
  const stateText = (status: ChangeState): string => {
    switch (status.state) {
      case 'waiting':
        return t('consents:state.waiting');
      case 'sent':
        return t('consents:state.sent');
      case 'rejected': {
        const code = isErrorCode(status.code) ? status.code : 'internal';
        return t('consents:state.rejected', { reason: errorText(t, { code, message: status.message }) });
      }
      default: {
        const never: never = status;
        return String(never);
      }
    }
  };
  const stateLabel = t(purpose.granted ? 'consents:on' : 'consents:off');

  return (
    <article className={`consent-card${purpose.needsReview ? ' consent-card-review' : ''}`} data-testid={`consent-${purpose.id}`} data-granted={String(purpose.granted)}>
      <h3 className="consent-title">{text(purpose.title)}</h3>
      <dl className="consent-facts">
        <dt>{t('consents:dataLabel')}</dt>
        <dd>{text(purpose.data)}</dd>
        <dt>{t('consents:useLabel')}</dt>
        <dd>{text(purpose.use)}</dd>
        <dt>{t('consents:recipientsLabel')}</dt>
        <dd>{text(purpose.recipients)}</dd>
      </dl>
      {purpose.necessary ? (
        <p className="consent-necessary" data-testid="consent-necessary">
          {t('consents:necessary')}
        </p>
      ) : mode === 'switch' ? (
        <button
          type="button"
          role="switch"
          aria-checked={purpose.granted}
          aria-label={t('consents:switchLabel', { title: text(purpose.title), state: stateLabel })}
          className={`consent-switch${purpose.granted ? ' consent-switch-on' : ''}`}
          data-testid="consent-switch"
          disabled={disabled}
          onClick={() => onChoose(!purpose.granted)}
        >
          <span className="consent-switch-track" aria-hidden="true">
            <span className="consent-switch-knob" />
          </span>
          <span className="consent-switch-text">{stateLabel}</span>
        </button>
      ) : (
        <div className="consent-choices">
          <button type="button" className={`button consent-choice${chosen === true ? ' consent-choice-on' : ''}`} aria-pressed={chosen === true} data-testid="consent-agree" disabled={disabled} onClick={() => onChoose(true)}>
            {t('consents:on')}
          </button>
          <button type="button" className={`button consent-choice${chosen === false ? ' consent-choice-on' : ''}`} aria-pressed={chosen === false} data-testid="consent-decline" disabled={disabled} onClick={() => onChoose(false)}>
            {t('consents:off')}
          </button>
        </div>
      )}
      {mode === 'switch' ? (
        <p className="consent-since" data-testid="consent-since">
          {purpose.since !== null && purpose.choiceVersion !== null
            ? t('consents:since', { date: formatLocalDate(vietnamDate(new Date(purpose.since))), version: purpose.choiceVersion })
            : purpose.necessary
              ? null
              : t('consents:neverChosen')}
        </p>
      ) : null}
      {purpose.needsReview && mode === 'switch' ? <p className="consent-review-note">{t('consents:needsReview')}</p> : null}
      {purpose.change !== null ? (
        <p className={`consent-state consent-state-${purpose.change.status.state}`} data-testid="consent-state" data-state={purpose.change.status.state} role="status">
          {stateText(purpose.change.status)}
          {purpose.change.status.state !== 'waiting' ? ` · ${formatInstant(purpose.change.status.at)}` : null}
        </p>
      ) : null}
    </article>
  );
}
