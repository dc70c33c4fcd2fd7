import { useTranslation } from 'react-i18next';
import type { RiskScreeningMatch } from '../../../shared/contract/handlers/risk';
import { markMatchedWords, matchedWordMaps } from './desk-format';

const LIST_LABELS: Readonly<Record<string, string>> = { ofac: 'OFAC SDN', un: 'UN', local: 'Local' };

function MarkedName({ name, matched }: { name: string; matched: ReadonlyMap<string, number> }) {
  const { t } = useTranslation();
  return (
    <span className="compare-name">
      {markMatchedWords(name, matched).map((segment, i) =>
        segment.similarity === null ? (
          <span key={i}>{segment.text}</span>
        ) : (
          <mark
            key={i}
            className={segment.similarity >= 1 ? 'word-exact' : 'word-fuzzy'}
            title={t('risk.detail.similarity', { value: segment.similarity.toFixed(2) })}
          >
            {segment.text}
          </mark>
        ),
      )}
    </span>
  );
}

/** One screening match: the name in the payment and the listed name side by side, matched words marked. */
export function NameCompare({ match }: { match: RiskScreeningMatch }) {
  const { t } = useTranslation();
  const { query, listed } = matchedWordMaps(match.tokens);
  const list = LIST_LABELS[match.list] ?? match.list.toUpperCase();
  return (
    <div className="compare" data-testid="screening-match">
      <div className="compare-head">
        <span className="compare-party">{t(`risk.detail.party.${match.party}`)}</span>
        <span>{t('risk.detail.entry', { list, id: match.entryId })}</span>
        <span className={`compare-score ${match.score >= 0.92 ? 'high' : ''}`}>{Math.round(match.score * 100)}%</span>
      </div>
      <div className="compare-grid">
        <span className="compare-label">{t('risk.detail.queryName')}</span>
        <span className="compare-label">{t('risk.detail.listedName')}</span>
        <MarkedName name={match.query} matched={query} />
        <MarkedName name={match.matchedName} matched={listed} />
      </div>
      {match.name !== match.matchedName && (
        <div className="compare-primary muted">
          {t('risk.detail.primaryName')}: {match.name}
        </div>
      )}
    </div>
  );
}
