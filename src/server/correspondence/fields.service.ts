import { sql } from 'kysely';
import { DateTime } from 'luxon';
import type { Tx } from '../platform/db/database.js';
import { clock } from '../platform/clock.js';
import { bornWord, identityName } from '../platform/identity-display.js';
import { correspondentName } from './correspondents.service.js';
import { refused, type Scope } from './scope.js';

/**
 * The values of the merge fields of a letter or a report (templates' `{{patient.nom}}`…): the patient, the author,
 * the correspondent (when there is one), the date and the practice, all read in the caller's practice.
 */
export interface FieldsFor {
  patientId: string;
  authorId: string;
  recipientId: string | null;
}

/** The merge fields the values below fill: one vocabulary for letters and reports (reports read it through index.ts). */
export const FILLED_MERGE_FIELDS = [
  'patient.nom', 'patient.prenom', 'patient.nom_naissance', 'patient.civilite', 'patient.ne', 'patient.date_naissance',
  'praticien.nom', 'praticien.specialite', 'praticien.rpps',
  'correspondant.nom', 'correspondant.formule',
  'date.jour', 'cabinet.nom',
] as const;
export type FilledMergeField = (typeof FILLED_MERGE_FIELDS)[number];

const longDate = (d: Date, zone: string) => DateTime.fromJSDate(d).setZone(zone).setLocale('fr').toFormat('d MMMM yyyy');

export async function mergeFieldValues(tx: Tx, s: Pick<Scope, 'practiceId'>, n: FieldsFor) {
  const practice = await tx.selectFrom('practices').select(['name', 'timezone']).where('id', '=', s.practiceId).executeTakeFirstOrThrow();
  const patient = await tx
    .selectFrom('patients')
    .select(['id', 'birth_name', 'used_name', 'first_name', 'sex', 'ins_matricule', 'ins_oid', sql<string>`to_char(birth_date, 'DD/MM/YYYY')`.as('birth')])
    .where('practice_id', '=', s.practiceId)
    .where('id', '=', n.patientId)
    .executeTakeFirst();
  if (!patient) throw refused('Ce patient n’existe pas dans ce cabinet.', 'This patient does not exist in this practice.', 'patientId');
  const author = await tx.selectFrom('practitioners').select(['id', 'display_name', 'specialty', 'rpps']).where('practice_id', '=', s.practiceId).where('id', '=', n.authorId).where('active', '=', true).executeTakeFirst();
  if (!author) throw refused('Ce praticien n’exerce pas dans ce cabinet.', 'This practitioner does not work in this practice.', 'authorId');
  const recipient = n.recipientId ? await tx.selectFrom('correspondents').selectAll().where('practice_id', '=', s.practiceId).where('id', '=', n.recipientId).executeTakeFirst() : undefined;
  if (n.recipientId && !recipient) throw refused('Ce correspondant n’est pas dans le carnet d’adresses.', 'This correspondent is not in the address book.', 'recipientId');
  // `satisfies`: every field of the list gets a value, and no value goes without its field in the list.
  const fields: Record<string, string> = {
    'patient.nom': identityName({ birthName: patient.birth_name, usedName: patient.used_name, firstName: patient.first_name }),
    'patient.prenom': patient.first_name,
    'patient.nom_naissance': patient.birth_name.toLocaleUpperCase('fr-FR'),
    'patient.civilite': patient.sex === 'F' ? 'Madame' : patient.sex === 'M' ? 'Monsieur' : 'Madame, Monsieur',
    'patient.ne': bornWord(patient.sex),
    'patient.date_naissance': patient.birth,
    'praticien.nom': author.display_name,
    'praticien.specialite': author.specialty,
    'praticien.rpps': author.rpps ?? '',
    'correspondant.nom': recipient ? correspondentName(recipient) : '',
    'correspondant.formule': !recipient || recipient.kind === 'practitioner' ? 'Cher confrère, chère consœur' : 'Madame, Monsieur',
    'date.jour': longDate(clock.now(), practice.timezone),
    'cabinet.nom': practice.name,
  } satisfies Record<FilledMergeField, string>;
  return { practice, patient, author, recipient, fields };
}
