import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GridApi } from 'ag-grid-community';
import type { ContractError, HandlerInput, HandlerName, HandlerOutput } from '../../../shared/contract';
import { MAX_RECON_FILE_CHARS, type ReconLine, type ReconSessionDetail, type ReconSessionRow } from '../../../shared/contract/handlers/recon';
import { formatAmountGrouped } from '../../../shared/money';
import { mayCall } from '../../../shared/contract/handler-access';
import { useBridge } from '../../state/bridge-context';
import { useAppDispatch, useAppSelector, viewsSlice } from '../../state/store';
import { useRefreshKey } from '../../state/use-refresh-key';
import { localized } from '../../i18n/i18n';
import { centreDateTime } from '../../components/amount-text';
import { registerDeskGridModules } from '../risk/risk-grid';
import { LineGrid } from './recon-grid';
import { MatchesPanel, ProofPanel, WriteOffPanel } from './ReconPanels';
import { pickedBySide, reconActionForKey, type ReconKeyAction, selectionTotals, withinTolerance, minorOf } from './recon-format';
import './recon.css';

registerDeskGridModules();

/** Kept as a key (or the contract error itself) and worded when shown, so a language switch rewords it. */
type Message = { kind: 'ok' | 'err'; key: string; params?: Record<string, unknown> } | { kind: 'err'; error: ContractError };
const NO_LINES: ReconLine[] = [];

export function ReconScreen() {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const operator = useAppSelector((s) => s.session.operator);
  const businessDate = useAppSelector((s) => s.session.businessDate);
  const roles = operator?.roles ?? [];
  const isClerk = mayCall(roles, 'recon.sessions.match');
  const canApprove = mayCall(roles, 'recon.sessions.approveWriteOff');
  const canRead = mayCall(roles, 'recon.sessions.list');

  const [sessions, setSessions] = useState<ReconSessionRow[]>([]);
  const dispatch = useAppDispatch();
  // The open session and "show all" live in the store: leaving the screen and coming back keeps them.
  const sessionId = useAppSelector((s) => s.views.recon.sessionId);
  const setSessionId = useCallback((id: string) => dispatch(viewsSlice.actions.reconSession(id)), [dispatch]);
  const showAll = useAppSelector((s) => s.views.recon.showAll);
  const setShowAll = (value: boolean) => dispatch(viewsSlice.actions.reconShowAll(value));
  const refreshKey = useRefreshKey('recon');
  const [detail, setDetail] = useState<ReconSessionDetail | null>(null);
  const [date, setDate] = useState<string>(businessDate ?? '');
  const [picked, setPicked] = useState<{ books: ReconLine[]; statement: ReconLine[] }>({ books: [], statement: [] });
  const [pickedMatch, setPickedMatch] = useState<number | null>(null);
  const [text, setText] = useState('');
  const [owner, setOwner] = useState('');
  const [importSide, setImportSide] = useState<'statement' | 'books'>('statement');
  const [message, setMessage] = useState<Message | null>(null);
  const apis = useRef<{ books?: GridApi<ReconLine>; statement?: GridApi<ReconLine> }>({});
  const textRef = useRef<HTMLInputElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  const fail = useCallback((error: ContractError) => setMessage({ kind: 'err', error }), []);

  const call = useCallback(
    async <N extends HandlerName>(name: N, input: HandlerInput<N>): Promise<HandlerOutput<N> | null> => {
      const result = await bridge.invoke(name, input);
      if (!result.ok) {
        fail(result.error);
        return null;
      }
      return result.value;
    },
    [bridge, fail],
  );

  const loadSessions = useCallback(async () => {
    const value = await call('recon.sessions.list', { status: 'all' });
    if (value) setSessions(value.rows);
  }, [call]);

  const show = useCallback((next: ReconSessionDetail) => {
    setDetail(next);
    setSessionId(next.session.id);
    setPicked({ books: [], statement: [] });
    apis.current.books?.deselectAll();
    apis.current.statement?.deselectAll();
  }, [setSessionId]);

  useEffect(() => {
    if (canRead) void loadSessions();
  }, [canRead, loadSessions, refreshKey]);

  // F5, or someone else's change (a supervisor approving a write-off): the open session reloads in
  // place; the grids keep the lines still picked (rows are matched by id).
  const sessionRef = useRef(sessionId);
  sessionRef.current = sessionId;
  const firstRefresh = useRef(refreshKey);
  useEffect(() => {
    if (refreshKey === firstRefresh.current || sessionRef.current === '') return;
    let live = true;
    void bridge.invoke('recon.sessions.get', { sessionId: sessionRef.current }).then((r) => {
      if (live && r.ok && r.value.session.id === sessionRef.current) setDetail(r.value);
    });
    return () => {
      live = false;
    };
  }, [bridge, refreshKey]);

  useEffect(() => {
    if (!sessionId || detail?.session.id === sessionId) return;
    void call('recon.sessions.get', { sessionId }).then((v) => v && show(v));
  }, [sessionId, detail, call, show]);

  const after = useCallback(
    async (value: ReconSessionDetail | null, key: string, params?: Record<string, unknown>) => {
      if (value === null) return;
      show(value);
      setMessage(params === undefined ? { kind: 'ok', key } : { kind: 'ok', key, params });
      setText('');
      await loadSessions();
    },
    [show, loadSessions],
  );

  const lines = detail?.lines ?? NO_LINES;
  const visible = useCallback((side: 'books' | 'statement') => lines.filter((l) => l.side === side && (showAll || l.state === 'open' || l.state === 'write_off_pending')), [lines, showAll]);
  const booksRows = useMemo(() => visible('books'), [visible]);
  const statementRows = useMemo(() => visible('statement'), [visible]);
  const hintedBooks = useMemo(() => new Set(picked.statement.map((l) => l.suggestion).filter((s): s is string => s !== null)), [picked.statement]);
  const hintedStatement = useMemo(() => new Set(picked.books.map((l) => l.suggestion).filter((s): s is string => s !== null)), [picked.books]);
  useEffect(() => {
    apis.current.books?.redrawRows();
    apis.current.statement?.redrawRows();
  }, [hintedBooks, hintedStatement]);

  const totals = selectionTotals(picked.books, picked.statement);
  const tolerance = detail ? minorOf(detail.toleranceAbsolute) : 0n;
  const diffClass = totals.differenceMinor === 0n ? 'diff-zero' : withinTolerance(totals.differenceMinor, totals.booksMinor, tolerance) ? 'diff-tol' : 'diff-over';
  const open = detail?.session.status === 'open';
  const editable = isClerk && open;

  const needText = (): string | null => {
    if (text.trim() === '') {
      setMessage({ kind: 'err', key: 'recon.needText' });
      textRef.current?.focus();
      return null;
    }
    return text.trim();
  };
  const oneSide = (): { side: 'books' | 'statement'; ids: string[] } | null => {
    const side = picked.books.length > 0 ? 'books' : picked.statement.length > 0 ? 'statement' : null;
    if (side === null || (picked.books.length > 0 && picked.statement.length > 0)) {
      setMessage({ kind: 'err', key: 'recon.pickOne' });
      return null;
    }
    return { side, ids: picked[side].map((l) => l.id) };
  };

  const act = async (action: ReconKeyAction) => {
    if (!detail || !editable) return;
    const sid = detail.session.id;
    if (action === 'auto') {
      const v = await call('recon.sessions.autoMatch', { sessionId: sid });
      if (v) await after(v.detail, 'recon.done.auto', { n: v.added });
    } else if (action === 'match') {
      if (picked.books.length === 0 || picked.statement.length === 0) return setMessage({ kind: 'err', key: 'recon.pickBoth' });
      const reason = text.trim();
      await after(await call('recon.sessions.match', { sessionId: sid, books: picked.books.map((l) => l.id), statement: picked.statement.map((l) => l.id), ...(reason ? { reason } : {}) }), 'recon.done.matched');
    } else if (action === 'unmatch') {
      if (pickedMatch === null) return setMessage({ kind: 'err', key: 'recon.pickMatch' });
      await after(await call('recon.sessions.unmatch', { sessionId: sid, matchId: pickedMatch }), 'recon.done.unmatched');
      setPickedMatch(null);
    } else if (action === 'writeOff') {
      const pick = oneSide();
      if (!pick || pick.ids.length !== 1) return pick && setMessage({ kind: 'err', key: 'recon.pickOne' });
      const reason = needText();
      if (reason) await after(await call('recon.sessions.writeOff', { sessionId: sid, side: pick.side, lineId: pick.ids[0]!, reason }), 'recon.done.writeOff');
    } else {
      // Bulk actions on exceptions: every picked line, on either side or both (one request per side).
      const sides = pickedBySide(picked);
      if (sides.length === 0) return setMessage({ kind: 'err', key: 'recon.pickOne' });
      const n = sides.reduce((sum, s) => sum + s.ids.length, 0);
      const note = text.trim();
      const who = owner.trim();
      if (action === 'note' && needText() === null) return;
      if (action === 'assign' && who === '') return setMessage({ kind: 'err', key: 'recon.needOwner' });
      let last: ReconSessionDetail | null = null;
      for (const { side, ids } of sides) {
        const base = { sessionId: sid, side, lineIds: ids };
        last =
          action === 'carry'
            ? await call('recon.sessions.carryForward', { ...base, ...(note ? { note } : {}) })
            : action === 'note'
              ? await call('recon.sessions.note', { ...base, note, ...(who ? { owner: who } : {}) })
              : action === 'assign'
                ? await call('recon.sessions.note', { ...base, owner: who })
                : await call('recon.sessions.review', base);
        if (last === null) return;
      }
      const done = { carry: 'recon.done.carried', note: 'recon.done.noted', assign: 'recon.done.assigned', review: 'recon.done.reviewed' }[action];
      await after(last, done, { n, owner: who });
    }
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.ctrlKey || event.altKey || event.metaKey || (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      const action = reconActionForKey(event.key);
      if (action === null) return;
      event.preventDefault();
      void act(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const onFile = async (file: File | undefined) => {
    if (!file || !detail) return;
    const content = await file.text();
    if (fileRef.current) fileRef.current.value = '';
    if (content.length > MAX_RECON_FILE_CHARS) return setMessage({ kind: 'err', key: 'recon.tooLarge', params: { name: file.name, max: MAX_RECON_FILE_CHARS.toLocaleString() } });
    const v = await call('recon.sessions.import', { sessionId: detail.session.id, source: 'file', side: importSide, fileName: file.name, content });
    if (v) await after(v.detail, v.duplicateFile ? 'recon.done.duplicate' : 'recon.done.imported', { format: v.format, n: v.added });
  };

  if (!canRead) {
    return (
      <section className="screen recon">
        <div className="screen-head"><h2>{t('recon.heading')}</h2></div>
        <p className="notice">{t('recon.noRole')}</p>
      </section>
    );
  }

  const money = (minor: bigint) => formatAmountGrouped(minor, 'CNY');
  return (
    <section className="screen recon" aria-labelledby="recon-heading" data-testid="recon-screen">
      <div className="screen-head">
        <h2 id="recon-heading">{t('recon.heading')}</h2>
        <select className="recon-session" aria-label={t('recon.session')} data-testid="recon-session" value={sessionId} onChange={(e) => setSessionId(e.target.value)}>
          <option value="">{t('recon.pickSession')}</option>
          {sessions.map((s) => (
            <option key={s.id} value={s.id}>
              {s.businessDate} · {s.account} · {t(`recon.status.${s.status}`)}{s.status === 'open' ? ` · ${t('recon.openCount', { n: s.openCount })}` : ''}
            </option>
          ))}
        </select>
        {isClerk && (
          <>
            <input className="recon-date mono" aria-label={t('recon.date')} placeholder="YYYY-MM-DD" maxLength={10} data-testid="recon-date" value={date} onChange={(e) => setDate(e.target.value.trim())} />
            <button type="button" data-testid="recon-open" onClick={async () => { const v = await call('recon.sessions.open', { businessDate: date }); if (v) await after(v, 'recon.done.opened', { id: v.session.id }); }}>
              {t('recon.open')}
            </button>
          </>
        )}
        {editable && (
          <>
            <select aria-label={t('recon.importHint')} value={importSide} onChange={(e) => setImportSide(e.target.value as 'statement' | 'books')}>
              <option value="statement">{t('recon.importSide.statement')}</option>
              <option value="books">{t('recon.importSide.books')}</option>
            </select>
            <input ref={fileRef} type="file" hidden data-testid="recon-file" accept=".xml,.txt,.csv,.sta,.940,.mt940" onChange={(e) => void onFile(e.target.files?.[0])} />
            <button type="button" title={t('recon.importHint')} onClick={() => fileRef.current?.click()}>{t('recon.chooseFile')}</button>
            <button type="button" data-testid="recon-import-house" onClick={async () => { const v = await call('recon.sessions.import', { sessionId, source: 'house' }); if (v) await after(v.detail, 'recon.done.imported', { format: v.format, n: v.added }); }}>
              {t('recon.importHouse')}
            </button>
            <button type="button" className="primary" data-testid="recon-auto" onClick={() => void act('auto')}>{t('recon.auto')} (A)</button>
          </>
        )}
        <label className="muted"><input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} /> {t('recon.showAll')}</label>
        <span className="keys-hint">{t('recon.keys')}</span>
      </div>
      {message && (
        <p className={message.kind === 'ok' ? 'notice notice-ok' : 'notice notice-error'} role="status" data-testid="recon-message">
          {'error' in message ? localized(i18n.language, message.error) : t(message.key, message.params)}
        </p>
      )}
      {detail && detail.session.status === 'closed' && <p className="notice" data-testid="recon-closed">{t('recon.closed', { by: detail.session.closedBy, at: detail.session.closedAt ? centreDateTime(detail.session.closedAt) : '' })}</p>}
      {detail && (
        <>
          <div className="recon-sides">
            {(['books', 'statement'] as const).map((side) => (
              <div className="recon-side" key={side} data-testid={`recon-${side}`}>
                <h3>
                  {t(`recon.${side}`)}
                  <span className="muted">{t('recon.openCount', { n: lines.filter((l) => l.side === side && l.state === 'open').length })}</span>
                </h3>
                <div className="recon-grid">
                  <LineGrid
                    side={side}
                    rows={side === 'books' ? booksRows : statementRows}
                    context={{ hinted: side === 'books' ? hintedBooks : hintedStatement }}
                    onSelection={(rows) => setPicked((p) => ({ ...p, [side]: rows }))}
                    onReady={(api) => (apis.current[side] = api)}
                    showState={showAll}
                    selectable={editable}
                  />
                </div>
              </div>
            ))}
          </div>
          <div className="recon-bar" data-testid="recon-bar">
            <span className="figure">{t('recon.selection.books', { n: picked.books.length, amount: money(totals.booksMinor) })}</span>
            <span className="figure">{t('recon.selection.statement', { n: picked.statement.length, amount: money(totals.statementMinor) })}</span>
            <span>
              {t('recon.selection.difference')}{' '}
              <span className={`diff ${diffClass}`} data-testid="recon-difference">{money(totals.differenceMinor)}</span>{' '}
              <span className="muted">{picked.books.length + picked.statement.length > 0 ? t(`recon.selection.${diffClass === 'diff-zero' ? 'zero' : diffClass === 'diff-tol' ? 'tolerance' : 'over'}`) : ''}</span>
            </span>
            <span className="spacer" />
            {editable && (
              <>
                <input ref={textRef} className="recon-text" data-testid="recon-text" placeholder={t('recon.text')} aria-label={t('recon.text')} value={text} maxLength={500} onChange={(e) => setText(e.target.value)} />
                <input className="recon-owner" data-testid="recon-owner" placeholder={t('recon.owner')} aria-label={t('recon.owner')} value={owner} maxLength={32} onChange={(e) => setOwner(e.target.value)} />
                <button type="button" data-testid="recon-match" onClick={() => void act('match')}>{t('recon.actions.match')} (M)</button>
                <button type="button" data-testid="recon-unmatch" onClick={() => void act('unmatch')}>{t('recon.actions.unmatch')} (U)</button>
                <button type="button" data-testid="recon-writeoff" onClick={() => void act('writeOff')}>{t('recon.actions.writeOff')} (W)</button>
                <button type="button" data-testid="recon-carry" onClick={() => void act('carry')}>{t('recon.actions.carry')} (C)</button>
                <button type="button" data-testid="recon-note" onClick={() => void act('note')}>{t('recon.actions.note')} (N)</button>
                <button type="button" data-testid="recon-assign" title={t('recon.bulkHint')} onClick={() => void act('assign')}>{t('recon.actions.assign')} (O)</button>
                <button type="button" data-testid="recon-review" title={t('recon.bulkHint')} onClick={() => void act('review')}>{t('recon.actions.review')} (R)</button>
              </>
            )}
          </div>
          <div className="recon-lower">
            <ProofPanel detail={detail} onClose={editable ? async () => await after(await call('recon.sessions.close', { sessionId: detail.session.id }), 'recon.done.closed') : null} />
            <MatchesPanel detail={detail} picked={pickedMatch} onPick={setPickedMatch} />
            <WriteOffPanel
              detail={detail}
              canApprove={canApprove}
              me={operator?.username ?? ''}
              onDecide={async (id, approve) => await after(await call('recon.sessions.approveWriteOff', { sessionId: detail.session.id, writeOffId: id, approve }), approve ? 'recon.done.approved' : 'recon.done.refused')}
            />
          </div>
        </>
      )}
    </section>
  );
}
