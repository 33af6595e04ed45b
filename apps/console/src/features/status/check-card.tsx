import type { TReadinessCheck } from '@latchkey/contracts';
import { Card } from '@latchkey/ui';
import { Icon } from '../../components/icon';
import { StatusBadge } from '../../components/status-badge';
import { backendLabel, checkLabel, formatLatency } from './readiness-format';

/** One dependency: what it is, what serves it, whether it answered and how fast. */
export function CheckCard({ check }: { check: TReadinessCheck }) {
  const isUp = check.status === 'up';
  return (
    <Card as="li" className={`check-card check-card--${check.status}`}>
      <div className="check-card__head">
        <span className="check-card__icon" aria-hidden="true">
          <Icon name={isUp ? 'check' : 'cross'} size={14} />
        </span>
        <h2 className="check-card__title">{checkLabel(check.name)}</h2>
        <StatusBadge tone={isUp ? 'success' : 'danger'}>{isUp ? 'Up' : 'Down'}</StatusBadge>
      </div>
      <dl className="check-card__facts">
        <div>
          <dt>Backend</dt>
          <dd>{backendLabel(check.backend)}</dd>
        </div>
        <div>
          <dt>Latency</dt>
          <dd>{formatLatency(check.latencyMs)}</dd>
        </div>
      </dl>
      {check.error && (
        <div className="check-card__error">
          <p className="check-card__error-label">Error</p>
          <code>{check.error}</code>
        </div>
      )}
    </Card>
  );
}
