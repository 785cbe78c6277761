import { useToast } from '../../../components/toaster';

/** A webhook's signing secret, shown once (after adding or rotating): copy it now. */
export function SecretNotice({
  title,
  secret,
  onDone,
}: {
  readonly title: string;
  readonly secret: string;
  readonly onDone: () => void;
}) {
  const notify = useToast();
  return (
    <div className="notice notice-warn secret-box" role="status">
      <p className="notice-title">{title} — copy its signing secret now</p>
      <p>
        It is shown only this once. The receiver checks each message’s webhook-signature with it (Standard
        Webhooks, HMAC-SHA256).
      </p>
      <p>
        <label htmlFor="webhook-secret">Signing secret</label>
        <input
          id="webhook-secret"
          className="secret"
          readOnly
          value={secret}
          onFocus={(event) => event.target.select()}
        />
      </p>
      <button
        type="button"
        className="button"
        onClick={() => {
          void navigator.clipboard
            ?.writeText(secret)
            .then(() => notify('Secret copied.'))
            .catch(() => notify('Copy failed: select the secret and copy it.', 'bad'));
        }}
      >
        Copy secret
      </button>{' '}
      <button type="button" className="button" onClick={onDone}>
        I have copied it
      </button>
    </div>
  );
}
