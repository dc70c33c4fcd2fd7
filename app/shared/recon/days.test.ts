import { describe, expect, it } from 'vitest';
import { dateOfDay, dayNumber, dayNumberOrNull } from './days';

describe('dayNumberOrNull (the matcher\'s date reader)', () => {
  it('agrees with dayNumber on every day from 1899 to 2101', () => {
    for (let day = dayNumber('1899-01-01'); day <= dayNumber('2101-12-31'); day += 1) {
      const date = dateOfDay(day);
      expect(dayNumberOrNull(date)).toBe(day);
    }
  });

  it('refuses exactly what dayNumber refuses', () => {
    const bad = ['2026-02-29', '2100-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-01-00', '26-11-2026', '2026/11/26', '2026-1-26', '2026-11-2', ' 2026-11-26', '2026-11-26 ', '20261126', '', '2026-1a-26', '２０２６-11-26'];
    for (const date of bad) {
      expect(dayNumberOrNull(date), date).toBeNull();
      expect(() => dayNumber(date), date).toThrow();
    }
    expect(dayNumberOrNull('2000-02-29')).toBe(dayNumber('2000-02-29'));
    expect(dayNumberOrNull('0000-03-01')).toBe(dayNumber('0000-03-01'));
  });
});
