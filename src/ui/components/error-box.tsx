import { ApiRequestError } from '../lib/api-client';

/** What to do, beyond the server's message, for answers that say little on their own. */
function hint(error: ApiRequestError): string | null {
  if (error.status === 403) return 'Your role does not allow this: ask an admin.';
  if (error.status === 429 && error.retryAfterSeconds !== undefined)
    return `Try again in ${error.retryAfterSeconds} s.`;
  return null;
}

/**
 * An error in words: the server's message (it says what to do), the problems it listed, and a
 * retry button when one is given.
 */
export function ErrorBox({
  error,
  title = 'Something went wrong',
  onRetry,
}: {
  readonly error: unknown;
  readonly title?: string;
  readonly onRetry?: () => void;
}) {
  const message = error instanceof Error ? error.message : String(error);
  const extra = error instanceof ApiRequestError ? hint(error) : null;
  const problems = error instanceof ApiRequestError && error.fields.length === 0 ? error.problems : [];
  return (
    <div className="error-box" role="alert">
      <p className="error-title">{title}</p>
      <p>{message}</p>
      {problems.length > 1 && (
        <ul>
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      {extra && <p>{extra}</p>}
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
