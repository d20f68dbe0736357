import { describe, expect, it } from 'vitest';
import { addBillingInterval, type BillingInterval } from '../../src/server/addBillingInterval';

const utc = (iso: string) => new Date(`${iso}Z`);
const next = (start: string, interval: BillingInterval, count?: number) =>
  addBillingInterval(utc(start), interval, count).toISOString();

describe('addBillingInterval', () => {
  it.each([
    ['keeps the day of month when the next month has it', '2025-03-15T10:30:00', 'month', '2025-04-15T10:30:00.000Z'],
    ['ends a Jan 31 month on Feb 28', '2025-01-31T12:00:00', 'month', '2025-02-28T12:00:00.000Z'],
    ['ends a Jan 31 month on Feb 29 in a leap year', '2024-01-31T12:00:00', 'month', '2024-02-29T12:00:00.000Z'],
    ['ends a Mar 31 month on Apr 30', '2025-03-31T00:00:00', 'month', '2025-04-30T00:00:00.000Z'],
    ['crosses into the next year', '2025-12-31T23:59:59', 'month', '2026-01-31T23:59:59.000Z'],
    ['ends a year from Feb 29 on Feb 28', '2024-02-29T08:00:00', 'year', '2025-02-28T08:00:00.000Z'],
    ['ends a year from Feb 28 on Feb 28 of a leap year', '2023-02-28T08:00:00', 'year', '2024-02-28T08:00:00.000Z'],
    ['adds a day', '2025-02-28T22:00:00', 'day', '2025-03-01T22:00:00.000Z'],
    ['adds a day across Feb 29', '2024-02-28T22:00:00', 'day', '2024-02-29T22:00:00.000Z'],
    ['adds a week', '2025-12-29T06:00:00', 'week', '2026-01-05T06:00:00.000Z'],
  ] as const)('%s', (_, start, interval, end) => {
    expect(next(start, interval)).toBe(end);
  });

  it('adds several intervals at once, measuring each month from the start day', () => {
    expect(next('2025-01-31T00:00:00', 'month', 2)).toBe('2025-03-31T00:00:00.000Z');
    expect(next('2025-01-31T00:00:00', 'month', 13)).toBe('2026-02-28T00:00:00.000Z');
    expect(next('2024-02-29T00:00:00', 'year', 4)).toBe('2028-02-29T00:00:00.000Z');
    expect(next('2025-01-01T00:00:00', 'day', 3)).toBe('2025-01-04T00:00:00.000Z');
    expect(next('2025-01-01T00:00:00', 'week', 2)).toBe('2025-01-15T00:00:00.000Z');
  });

  it('keeps the milliseconds of the start', () => {
    expect(next('2025-05-05T05:05:05.555', 'month')).toBe('2025-06-05T05:05:05.555Z');
  });

  it('leaves the start date untouched', () => {
    const start = utc('2025-01-31T00:00:00');
    addBillingInterval(start, 'month');
    expect(start.toISOString()).toBe('2025-01-31T00:00:00.000Z');
  });
});
