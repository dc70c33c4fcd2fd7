import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import type { AuditEntryRow } from '../../../shared/contract/handlers/audit';
import { centreDateTime, CENTRE_ZONE_LABEL } from '../../components/amount-text';
import { shortHash } from './audit-format';

type Row = AuditEntryRow;
const hashText = (p: ValueFormatterParams<Row, string>) => (p.value == null ? '' : shortHash(p.value));

/**
 * The trail's columns in reading order: which entry and when, who did what to what, the detail,
 * then the two hashes that chain it (shortened; the full entry shows below the grid). Nothing
 * sorts or filters in the grid: the order is the chain's (newest first) and filters are above.
 */
export function auditColumns(t: TFunction): ColDef<Row>[] {
  return [
    { field: 'seq', headerName: t('audit.columns.seq'), width: 72, type: 'rightAligned', cellClass: ['ag-right-aligned-cell', 'mono'] },
    { field: 'at', headerName: `${t('audit.columns.at')} (${CENTRE_ZONE_LABEL})`, width: 150, cellClass: 'mono', valueFormatter: (p: ValueFormatterParams<Row, string>) => (p.value == null ? '' : centreDateTime(p.value)) },
    { field: 'actor', headerName: t('audit.columns.actor'), width: 96, cellClass: 'mono' },
    { field: 'action', headerName: t('audit.columns.action'), width: 180, cellClass: 'mono' },
    { field: 'subject', headerName: t('audit.columns.subject'), width: 230, tooltipField: 'subject' },
    { field: 'details', headerName: t('audit.columns.details'), flex: 1, minWidth: 220, tooltipField: 'details' },
    { field: 'prevHash', headerName: t('audit.columns.prevHash'), width: 124, cellClass: 'mono muted', valueFormatter: hashText },
    { field: 'hash', headerName: t('audit.columns.hash'), width: 124, cellClass: 'mono', valueFormatter: hashText },
  ];
}
