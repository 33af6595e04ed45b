import { Alert, Button, Card, Spinner } from '@latchkey/ui';
import { Icon } from '../../components/icon';
import { PageHeader } from '../../components/page-header';
import { CheckCard } from './check-card';
import { summarizeReadiness } from './readiness-format';
import { useReadiness } from './use-readiness';
import './status.css';

const formatTime = (date: Date): string => date.toLocaleTimeString(undefined, { timeStyle: 'medium' });

/** Readiness of this deployment's dependencies, from GET /readyz (public, no sign-in needed). */
export function StatusPage() {
  const { result, error, loading, refresh } = useReadiness();
  const summary = result && summarizeReadiness(result.readiness);

  return (
    <>
      <PageHeader
        title="System status"
        description={
          <>
            Whether this deployment’s dependencies answer, as reported by <code>/readyz</code>.
          </>
        }
        actions={
          <>
            {result && <span className="page-header__meta">Checked at {formatTime(result.checkedAt)}</span>}
            <Button variant="secondary" onClick={refresh} loading={loading}>
              {!loading && <Icon name="refresh" />}
              {loading ? 'Checking…' : 'Refresh'}
            </Button>
          </>
        }
      />

      {error && (
        <Alert
          tone="danger"
          live="assertive"
          title="Couldn’t load the system status"
          className="status-error"
        >
          <p>{error}</p>
          {result && <p>Showing the last result, from {formatTime(result.checkedAt)}.</p>}
        </Alert>
      )}

      {/* Always mounted so a refresh's outcome is announced. */}
      <div role="status" className="status-summary">
        {summary && (
          <Alert tone={summary.tone} live="off" title={summary.title}>
            {summary.detail}
          </Alert>
        )}
      </div>

      {result ? (
        <ul className="check-grid" aria-label="Dependency checks" aria-busy={loading || undefined}>
          {result.readiness.checks.map((check) => (
            <CheckCard key={check.name} check={check} />
          ))}
        </ul>
      ) : (
        loading && (
          <Card className="status-loading">
            <Spinner size="lg" />
            <p>Checking dependencies…</p>
          </Card>
        )
      )}
    </>
  );
}
