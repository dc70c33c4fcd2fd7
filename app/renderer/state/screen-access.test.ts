import { describe, expect, it } from 'vitest';
import { canSee, homeScreen, screenAfterSignIn, screensFor } from './screen-access';

describe('screens per role', () => {
  it('lands each role on its main screen', () => {
    expect(homeScreen(['clerk'])).toBe('entry');
    expect(homeScreen(['supervisor'])).toBe('verify');
    expect(homeScreen(['risk'])).toBe('risk');
    expect(homeScreen(['recon'])).toBe('recon');
    expect(homeScreen(['auditor'])).toBe('audit');
    expect(homeScreen(['admin'])).toBe('users');
    expect(homeScreen(['clerk', 'supervisor'])).toBe('verify');
  });

  it('lists only the screens whose handlers the role may call', () => {
    expect(screensFor(['clerk'])).toEqual(['entry', 'verify', 'blotter', 'alerts', 'inbound', 'messages', 'liquidity', 'bulk', 'templates', 'broadcasts', 'account']);
    expect(screensFor(['supervisor'])).toEqual(expect.arrayContaining(['bulk', 'templates', 'messages']));
    // The message inbox is for those who answer messages: not the risk officer, auditor or admin.
    for (const role of ['risk', 'recon', 'auditor', 'admin'] as const) expect(canSee([role], 'messages'), role).toBe(false);
    expect(canSee(['risk'], 'bulk')).toBe(false);
    expect(screensFor(['risk'])).not.toContain('entry');
    expect(screensFor(['risk'])).toEqual(expect.arrayContaining(['risk', 'largeValue', 'riskRules', 'blotter']));
    expect(screensFor(['recon'])).toEqual(expect.arrayContaining(['recon', 'blotter']));
    expect(screensFor(['recon'])).not.toContain('entry');
    expect(screensFor(['admin'])).toEqual(['alerts', 'audit', 'broadcasts', 'users', 'account']);
    expect(canSee(['clerk'], 'audit')).toBe(false);
    expect(canSee(['auditor'], 'users')).toBe(false);
  });

  it('keeps the same operator on their screen after signing in again, not someone else', () => {
    expect(screenAfterSignIn(['clerk'], 'blotter', true)).toBe('blotter');
    expect(screenAfterSignIn(['clerk'], 'blotter', false)).toBe('entry');
    expect(screenAfterSignIn(['clerk'], 'audit', true)).toBe('entry');
  });

  it('gives the centre roles the centre screens only, and bank roles none of them', () => {
    const centre = ['centreDashboard', 'centreProposals', 'centreBroadcasts', 'centreStops', 'centreReports', 'centreOperators'];
    for (const role of ['centre-operator', 'centre-supervisor', 'centre-auditor'] as const) {
      expect(screensFor([role])).toEqual(centre);
      expect(homeScreen([role])).toBe('centreDashboard');
    }
    for (const role of ['clerk', 'supervisor', 'risk', 'recon', 'auditor', 'admin'] as const) {
      for (const screen of centre) expect(canSee([role], screen as never), `${role} ${screen}`).toBe(false);
    }
  });
});
