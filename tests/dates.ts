import { DateTime } from 'luxon';
import { frenchHolidays } from '../src/server/agenda/slots/holidays.js';
import { clock } from '../src/server/platform/clock.js';

const holidays = frenchHolidays('metropole');

/** Is this local day a public holiday in metropolitan France (the demo practices' region)? */
function isPublicHoliday(day: DateTime): boolean {
  return holidays.holidayName(day.toISODate()!) !== undefined;
}

/**
 * The given weekday (1 = Monday … 7 = Sunday) of the week `weeksAhead` weeks after the current one, in `zone`,
 * at the start of the day, moved on by whole weeks while it is a public holiday: a test that books "next
 * Monday" must not land on Easter Monday or on 1 November, whatever day it runs on.
 */
export function nextWorkingWeekday(weekday: number, weeksAhead = 1, zone = 'Europe/Paris'): DateTime {
  let day = DateTime.fromJSDate(clock.now()).setZone(zone).startOf('week').plus({ weeks: weeksAhead, days: weekday - 1 }).startOf('day');
  while (isPublicHoliday(day)) day = day.plus({ weeks: 1 });
  return day;
}
