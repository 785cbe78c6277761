import type { ApiRequestLogDetail } from '../../../api/types';
import { HttpStatusBadge } from '../../../components/status-badge';
import { ExactTime } from '../../../components/time-display';
import { formatDuration } from '../../../lib/time-format';

function Body({ title, body }: { readonly title: string; readonly body: string | null }) {
  return (
    <section className="log-body" aria-label={title}>
      <h2>{title}</h2>
      {body === null ? (
        <p className="muted">
          Not kept. Bodies are kept for writes and failures when the store's “Log API request and response
          bodies” setting is on.
        </p>
      ) : body === '' ? (
        <p className="muted">Empty.</p>
      ) : (
        // A long body scrolls inside its box; it takes focus so keyboard users can scroll it.
        <pre tabIndex={0}>{body}</pre>
      )}
    </section>
  );
}

/** One logged request with its bodies (the key never appears: the server redacts it). */
export function RequestLogEntry({
  entry,
  store,
}: {
  readonly entry: ApiRequestLogDetail;
  readonly store: string | undefined;
}) {
  return (
    <div className="log-entry">
      <p className="log-request">
        <span className="method">{entry.method}</span> <code>{entry.url}</code>
      </p>
      <dl className="facts">
        <div>
          <dt>Status</dt>
          <dd>
            <HttpStatusBadge status={entry.status} />
          </dd>
        </div>
        <div>
          <dt>Store</dt>
          <dd>{store ?? '—'}</dd>
        </div>
        <div>
          <dt>Sent</dt>
          <dd>
            <ExactTime at={entry.at} />
          </dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{formatDuration(entry.durationMs)}</dd>
        </div>
        <div>
          <dt>Bytes sent / received</dt>
          <dd>
            {entry.bytesSent.toLocaleString()} / {entry.bytesReceived.toLocaleString()}
          </dd>
        </div>
      </dl>
      {entry.error && (
        <div className="notice notice-bad">
          <p className="notice-title">Error</p>
          <p>{entry.error}</p>
        </div>
      )}
      <Body title="Request body" body={entry.requestBody} />
      <Body title="Response body" body={entry.responseBody} />
    </div>
  );
}
