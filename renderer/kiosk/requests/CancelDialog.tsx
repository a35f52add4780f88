import type { JSX } from 'react';
import type { MyRequest } from '../../../shared/requests';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useKiot } from '../../components/KiotProvider';
import { useResync } from '../../components/resync';
import { useAction } from '../../components/use-action';
import { useT } from '../../i18n/I18nProvider';

export type CancelDialogProps = {
  request: MyRequest;
  onCancelled(request: MyRequest): void;
  onClose(): void;
};

/** "Cancel this request?" with a plain yes and no; the hub decides whether it still can be. */
export function CancelDialog({ request, onCancelled, onClose }: CancelDialogProps): JSX.Element {
  const t = useT();
  const api = useKiot();
  const { run, busy, failure } = useAction(useResync());

  const confirm = async (): Promise<void> => {
    const result = await run(() => api.requests.cancel({ requestId: request.id }), () => void confirm());
    if (result?.ok) onCancelled(result.value.request);
  };

  return (
    <div className="overlay">
      <div className="dialog" role="alertdialog" aria-labelledby="request-cancel-title" aria-describedby="request-cancel-body" data-testid="request-cancel-dialog">
        <h2 id="request-cancel-title" className="dialog-title">
          {t('requests:cancelDialog.title')}
        </h2>
        <p id="request-cancel-body" className="dialog-body">
          {t('requests:cancelDialog.body')}
        </p>
        {failure ? <ErrorMessage error={failure.error} overrides={{ hub_unavailable: 'requests:hubNeeded' }} onRetry={failure.retry} retryDisabled={busy} /> : null}
        <div className="actions">
          <button type="button" className="button button-secondary" data-testid="request-cancel-no" disabled={busy} onClick={onClose}>
            {t('requests:cancelDialog.no')}
          </button>
          <button type="button" className="button button-primary" data-testid="request-cancel-yes" disabled={busy} onClick={() => void confirm()}>
            {t('requests:cancelDialog.yes')}
          </button>
        </div>
      </div>
    </div>
  );
}
