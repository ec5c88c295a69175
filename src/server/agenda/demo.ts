import { DateTime } from 'luxon';
import type { Db, Tx } from '../platform/db/database.js';
import { loadCalendar, motifRule, type MotifRow } from './calendar.js';
import { withLuhnDigit } from './rpps.js';
import type { AppointmentStatus, Sector } from './schema.js';
import { freeSlots } from './slots/index.js';
import { seededRandom as prng } from '../platform/seeded-random.js';
import { clock } from '../platform/clock.js';

/**
 * Demo agenda for the demo practices: practitioners linked to the demo accounts, realistic hours (Saturday
 * mornings, an alternate-week afternoon, lunch breaks), motifs, urgent ranges, and appointments from two
 * weeks ago to four weeks ahead with the demo patients. Idempotent per practice (skipped when it has practitioners).
 */
interface DemoMotif { name: string; duration: number; colour: string; buffer?: number; online?: boolean; tele?: boolean; newPatients?: boolean; capacity?: number; prep?: string; docs?: string; chair?: boolean }
interface DemoPractitioner {
  email: string;
  name: string;
  specialty: string;
  sector: Sector;
  colour: string;
  rpps: string;
  /** weekday → ranges; `parity` for alternate weeks */
  hours: { weekday: number; start: string; end: string; parity?: 'even' | 'odd' }[];
  urgent: { weekday: number; start: string; end: string }[];
  motifs: DemoMotif[];
}

const WEEKDAYS = [1, 2, 3, 4, 5];
const day = (weekdays: number[], start: string, end: string, parity?: 'even' | 'odd') => weekdays.map((weekday) => ({ weekday, start, end, ...(parity ? { parity } : {}) }));

const GP_MOTIFS: DemoMotif[] = [
  { name: 'Consultation', duration: 20, colour: '#2563eb', online: true, docs: 'Carte Vitale, ordonnances en cours' },
  { name: 'Consultation longue (ALD, bilan)', duration: 40, colour: '#7c3aed', docs: 'Carte Vitale, derniers résultats d’analyses' },
  { name: 'Premier rendez-vous (nouveau patient)', duration: 30, colour: '#0891b2', online: true, docs: 'Carte Vitale, carnet de santé, comptes rendus récents' },
  { name: 'Renouvellement d’ordonnance', duration: 15, colour: '#16a34a', online: true, newPatients: false },
  { name: 'Téléconsultation', duration: 15, colour: '#ea580c', online: true, tele: true, newPatients: false, prep: 'Connectez-vous 5 minutes avant avec le lien reçu par e-mail.' },
];

const TILLEULS: DemoPractitioner[] = [
  {
    email: 'medecin@demo.pivot', name: 'Dr Claire Martin', specialty: 'Médecine générale', sector: '1', colour: '#2563eb', rpps: withLuhnDigit('1000100001'),
    hours: [...day(WEEKDAYS, '08:30', '12:30'), ...day([1, 2, 4, 5], '14:00', '19:00'), ...day([6], '09:00', '12:00')],
    urgent: day(WEEKDAYS, '12:00', '12:30'),
    motifs: [...GP_MOTIFS, { name: 'Vaccination antigrippale (séance collective)', duration: 30, colour: '#db2777', capacity: 3, prep: 'Apportez le vaccin délivré en pharmacie.' }],
  },
  {
    email: 'medecin2@demo.pivot', name: 'Dr Paul Lefèvre', specialty: 'Médecine générale', sector: 'optam', colour: '#059669', rpps: withLuhnDigit('1000100002'),
    hours: [...day(WEEKDAYS, '09:00', '12:30'), ...day([1, 2, 3, 5], '14:00', '19:30'), ...day([6], '09:00', '12:00', 'odd')],
    urgent: day(WEEKDAYS, '18:30', '19:00').filter((r) => r.weekday !== 4),
    motifs: GP_MOTIFS,
  },
  {
    email: 'medecin3@demo.pivot', name: 'Dr Amina Benali', specialty: 'Médecine générale', sector: '1', colour: '#d97706', rpps: withLuhnDigit('1000100003'),
    hours: [...day(WEEKDAYS, '08:00', '12:00'), ...day([1, 2, 4, 5], '13:30', '18:00'), ...day([3], '14:00', '18:00', 'even'), ...day([6], '09:00', '12:00', 'even')],
    urgent: day(WEEKDAYS, '11:30', '12:00'),
    motifs: GP_MOTIFS,
  },
  {
    email: 'pediatre@demo.pivot', name: 'Dr Hélène Rousseau', specialty: 'Pédiatrie', sector: 'optam', colour: '#db2777', rpps: withLuhnDigit('1000100004'),
    hours: [...day([1, 2, 3, 4, 5], '09:00', '12:00'), ...day([1, 2, 4, 5], '14:00', '18:00')],
    urgent: day([1, 2, 4, 5], '17:30', '18:00'),
    motifs: [
      { name: 'Consultation pédiatrique', duration: 20, colour: '#db2777', online: true, docs: 'Carnet de santé, carte Vitale du parent' },
      { name: 'Examen du nourrisson (1er mois)', duration: 30, colour: '#9333ea', online: true, docs: 'Carnet de santé' },
      { name: 'Vaccination', duration: 15, colour: '#0d9488', online: true, newPatients: false, docs: 'Carnet de santé, vaccin' },
    ],
  },
  {
    email: 'dentiste@demo.pivot', name: 'Dr Marc Nguyen', specialty: 'Chirurgie dentaire', sector: '1', colour: '#0891b2', rpps: withLuhnDigit('1000100005'),
    hours: [...day(WEEKDAYS, '09:00', '12:30'), ...day([1, 2, 3, 4], '14:00', '18:30')],
    urgent: day(WEEKDAYS, '12:00', '12:30'),
    motifs: [
      { name: 'Consultation dentaire', duration: 30, colour: '#0891b2', online: true, chair: true },
      { name: 'Détartrage', duration: 30, colour: '#65a30d', buffer: 10, online: true, chair: true },
      { name: 'Soins (caries, dévitalisation)', duration: 45, colour: '#b45309', buffer: 10, chair: true, prep: 'Prenez un repas léger avant le rendez-vous.' },
      { name: 'Urgence dentaire', duration: 20, colour: '#dc2626', chair: true },
    ],
  },
];

const MOREAU: DemoPractitioner[] = [
  {
    email: 'moreau@demo.pivot', name: 'Dr Jacques Moreau', specialty: 'Médecine générale', sector: '1', colour: '#475569', rpps: withLuhnDigit('1000200001'),
    hours: [...day(WEEKDAYS, '09:00', '12:00'), ...day([1, 2, 3, 5], '14:00', '18:00'), ...day([6], '09:00', '12:00', 'even')],
    urgent: day(WEEKDAYS, '11:30', '12:00'),
    motifs: GP_MOTIFS.slice(0, 4),
  },
];


async function seedPractice(tx: Tx, slug: string, team: DemoPractitioner[], seed: number, fill: number, now: Date): Promise<number> {
  const practice = await tx.selectFrom('practices').select(['id', 'timezone']).where('slug', '=', slug).executeTakeFirst();
  if (!practice) return 0;
  const already = await tx.selectFrom('practitioners').select('id').where('practice_id', '=', practice.id).limit(1).executeTakeFirst();
  if (already) return 0;
  const practiceId = practice.id;
  await tx.insertInto('agenda_settings').values({ practice_id: practiceId, holiday_region: 'metropole', urgent_release_minutes: 120, updated_at: now }).onConflict((oc) => oc.doNothing()).execute();
  const needsChair = team.some((p) => p.motifs.some((m) => m.chair));
  const chair = needsChair
    ? await tx.insertInto('resources').values({ practice_id: practiceId, name: 'Fauteuil dentaire', kind: 'chair', room_id: null }).returning('id').executeTakeFirstOrThrow()
    : undefined;
  const monday = DateTime.fromJSDate(now, { zone: practice.timezone }).startOf('week').minus({ weeks: 2 }).toISODate()!;
  for (const p of team) {
    const account = await tx
      .selectFrom('accounts')
      .innerJoin('memberships', 'memberships.account_id', 'accounts.id')
      .select('accounts.id')
      .where('accounts.email', '=', p.email)
      .where('memberships.practice_id', '=', practiceId)
      .executeTakeFirst();
    const row = await tx
      .insertInto('practitioners')
      .values({ practice_id: practiceId, account_id: account?.id ?? null, display_name: p.name, rpps: p.rpps, specialty: p.specialty, sector: p.sector, colour: p.colour, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('opening_hours')
      .values(p.hours.map((h) => ({ practice_id: practiceId, practitioner_id: row.id, weekday: h.weekday, start_time: h.start, end_time: h.end, valid_from: monday, valid_until: null, week_parity: h.parity ?? 'all', room_id: null })))
      .execute();
    if (p.urgent.length) {
      await tx.insertInto('urgent_ranges').values(p.urgent.map((u) => ({ practice_id: practiceId, practitioner_id: row.id, weekday: u.weekday, start_time: u.start, end_time: u.end }))).execute();
    }
    for (const m of p.motifs) {
      await tx
        .insertInto('appointment_types')
        .values({
          practice_id: practiceId, practitioner_id: row.id, name: m.name, duration_minutes: m.duration, buffer_minutes: m.buffer ?? 0, colour: m.colour,
          new_patients_allowed: m.newPatients ?? true, online_bookable: m.online ?? false, teleconsultation: m.tele ?? false,
          preparation_instructions: m.prep ?? null, documents_to_bring: m.docs ?? null, required_resource_id: m.chair ? chair!.id : null, capacity: m.capacity ?? 1,
          created_at: new Date(now.getTime() + p.motifs.indexOf(m)), // keeps the listed order (the first motif is the default)
        })
        .execute();
    }
  }
  // A week of leave for one practitioner in three weeks.
  const leaveStart = DateTime.fromJSDate(now, { zone: practice.timezone }).startOf('week').plus({ weeks: 3 });
  const firstId = (await tx.selectFrom('practitioners').select('id').where('practice_id', '=', practiceId).orderBy('display_name').executeTakeFirstOrThrow()).id;
  await tx.insertInto('agenda_exceptions').values({ practice_id: practiceId, practitioner_id: firstId, kind: 'absence', reason: 'Congés', starts_at: leaveStart.toJSDate(), ends_at: leaveStart.plus({ days: 6 }).toJSDate() }).execute();

  // Appointments: a share of the free slots, from two weeks ago to four weeks ahead.
  const rand = prng(seed);
  const patients = await tx.selectFrom('patients').select('id').where('practice_id', '=', practiceId).orderBy('created_at').orderBy('id').execute();
  if (!patients.length) return 0;
  const from = new Date(now.getTime() - 14 * 86_400_000);
  const to = new Date(now.getTime() + 28 * 86_400_000);
  const cal = await loadCalendar(tx, practiceId, { from, to });
  const rows: { practitioner_id: string; patient_id: string; motif: MotifRow; start: Date; end: Date; status: AppointmentStatus; reason: string | null }[] = [];
  for (const pr of cal.practitioners) {
    const motifs = cal.motifs.filter((m) => m.practitioner_id === pr.id && m.capacity === 1);
    const main = motifs[0]!;
    const slots = freeSlots(cal.input, { motif: motifRule(main, { channels: ['desk'] }), channel: 'desk', now: from, from, to, practitionerIds: [pr.id] });
    let lastEnd = 0;
    for (const s of slots) {
      if (s.start.getTime() < lastEnd || rand() > fill) continue;
      const motif = rand() < 0.8 ? main : motifs[1 + Math.floor(rand() * (motifs.length - 1))] ?? main;
      const end = new Date(s.start.getTime() + motif.duration_minutes * 60_000);
      // A longer motif must end inside a free slot of the same run (same opening range).
      if (motif !== main && !slots.some((x) => x.start > s.start && x.start < end && x.end >= end)) continue;
      const past = end <= now;
      const r = rand();
      const status: AppointmentStatus = past
        ? r < 0.9 ? 'done' : r < 0.95 ? 'no_show' : 'cancelled_by_patient'
        : r < 0.5 ? 'booked' : r < 0.95 ? 'confirmed' : 'cancelled_by_patient';
      rows.push({ practitioner_id: pr.id, patient_id: patients[Math.floor(rand() * patients.length)]!.id, motif, start: s.start, end, status, reason: status === 'cancelled_by_patient' ? 'Empêchement (appel du patient)' : null });
      lastEnd = end.getTime() + motif.buffer_minutes * 60_000;
    }
  }
  if (!rows.length) return 0;
  const inserted = await tx
    .insertInto('appointments')
    .values(rows.map((r) => ({
      practice_id: practiceId, practitioner_id: r.practitioner_id, patient_id: r.patient_id, appointment_type_id: r.motif.id, resource_id: r.motif.required_resource_id,
      starts_at: r.start, ends_at: r.end, busy_until: new Date(r.end.getTime() + r.motif.buffer_minutes * 60_000), status: r.status,
      channel: rand() < 0.3 ? 'online' as const : 'desk' as const, teleconsultation: r.motif.teleconsultation,
      cancellation_reason: r.reason, cancelled_at: r.status.startsWith('cancelled') ? new Date(r.start.getTime() - 86_400_000) : null,
      note: null, override_reason: null, created_by: null, series_id: null, updated_at: now,
    })))
    .returning(['id', 'starts_at', 'status'])
    .execute();
  await tx
    .insertInto('appointment_events')
    .values(inserted.map((a) => ({ practice_id: practiceId, appointment_id: a.id, account_id: null, channel: 'system' as const, kind: 'created' as const, to_status: a.status, to_starts_at: a.starts_at, reason: 'Données de démonstration' })))
    .execute();
  return inserted.length;
}

/** Seeds the demo agenda of both demo practices; returns the number of appointments created. */
export async function seedAgendaDemo(db: Db, now = clock.now()): Promise<{ appointments: number }> {
  return db.transaction().execute(async (tx) => {
    const a = await seedPractice(tx, 'maison-de-sante-des-tilleuls', TILLEULS, 11, 0.45, now);
    const b = await seedPractice(tx, 'cabinet-du-dr-moreau', MOREAU, 12, 0.4, now);
    return { appointments: a + b };
  });
}
