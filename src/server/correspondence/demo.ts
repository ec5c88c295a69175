import type { Db } from '../platform/db/database.js';
import { withLuhnKey } from '../platform/luhn.js';
import { cityKey, nameKey } from './rules.js';

/**
 * A small address book for the demo practice (fictitious people and places; RPPS made up with a valid key, the
 * MSSanté addresses are not real mailboxes). One colleague is entered twice, so the duplicate marker shows.
 * Written once: does nothing when the practice has correspondents.
 */
export async function seedCorrespondenceDemo(db: Db): Promise<{ correspondents: number }> {
  const practice = await db.selectFrom('practices').select('id').where('slug', '=', 'maison-de-sante-des-tilleuls').executeTakeFirst();
  if (!practice) return { correspondents: 0 };
  const any = await db.selectFrom('correspondents').select('id').where('practice_id', '=', practice.id).limit(1).executeTakeFirst();
  if (any) return { correspondents: 0 };
  const addr = (line1: string, postalCode: string, city: string) => [{ label: null, line1, line2: null, postalCode, city }];
  const rows = [
    { kind: 'practitioner' as const, title: 'Dr', name: 'Garnier', first_name: 'Hélène', rpps: withLuhnKey('1099900001'), specialty: 'Cardiologie', addresses: addr('8 rue des Acacias', '75999', 'Paris'), email: 'h.garnier@exemple.test', mssante: 'helene.garnier@demo.mssante.fr' },
    { kind: 'practitioner' as const, title: 'Dr', name: 'Nguyen', first_name: 'Paul', rpps: withLuhnKey('1099900002'), specialty: 'Dermatologie', addresses: addr('3 place du Marché', '75999', 'Paris'), email: 'p.nguyen@exemple.test', mssante: null },
    { kind: 'practitioner' as const, title: 'Docteur', name: 'NGUYEN', first_name: 'Paul', rpps: null, specialty: 'Dermatologie', addresses: addr('3 pl. du Marché', '75999', 'PARIS'), email: null, mssante: null },
    { kind: 'lab' as const, title: null, name: 'Laboratoire des Tilleuls', first_name: null, rpps: null, specialty: null, addresses: addr('20 avenue de la Gare', '75999', 'Paris'), email: 'resultats@labo-tilleuls.exemple.test', mssante: null },
    { kind: 'hospital' as const, title: null, name: 'Centre hospitalier de démonstration', first_name: null, rpps: null, specialty: 'Service de cardiologie', addresses: addr('1 boulevard de l’Hôpital', '75999', 'Paris'), email: 'cardiologie@ch-demo.exemple.test', mssante: 'cardiologie@ch-demo.mssante.fr' },
    { kind: 'caisse' as const, title: null, name: 'CPAM de démonstration', first_name: null, rpps: null, specialty: null, addresses: addr('Service médical', '75999', 'Paris'), email: null, mssante: null },
  ];
  await db
    .insertInto('correspondents')
    .values(rows.map((r) => ({ ...r, practice_id: practice.id, phone: null, addresses: JSON.stringify(r.addresses), name_key: nameKey(r.name, r.first_name), city_key: cityKey(r.addresses[0]!.city) })))
    .execute();
  return { correspondents: rows.length };
}
