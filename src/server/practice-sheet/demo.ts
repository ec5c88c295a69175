import type { Db } from '../platform/db/database.js';

/**
 * The demo practice's information sheet (fictitious address), written only when the practice has none yet: the
 * administrator edits it in « Fiche pratique » (assistant), and the assistant answers from it.
 */
export async function seedPracticeSheetDemo(db: Db): Promise<{ seeded: boolean }> {
  const practice = await db.selectFrom('practices').select('id').where('slug', '=', 'maison-de-sante-des-tilleuls').executeTakeFirst();
  if (!practice) return { seeded: false };
  const res = await db
    .insertInto('practice_info')
    .values({
      practice_id: practice.id,
      opening_hours: 'Du lundi au vendredi : 8 h – 19 h 30\nSamedi : 8 h 30 – 12 h (sans rendez-vous de 8 h 30 à 10 h)\nFermé le dimanche et les jours fériés',
      address: 'Maison de santé des Tilleuls, 12 allée des Tilleuls, 75999 Paris (adresse fictive de démonstration)',
      access: 'Rez-de-chaussée, accès de plain-pied pour les fauteuils roulants. Interphone « Accueil » à gauche de la porte.',
      parking: 'Parking public gratuit de 20 places devant la maison de santé, dont 2 places PMR.',
      transport: 'Bus 42 et 87 : arrêt « Les Tilleuls » (2 min à pied). Métro ligne 8 : station « Mairie » (10 min à pied).',
      fees: JSON.stringify([
        { practitioner: 'Dr Claire Martin', fees: 'Consultation 30 € ; consultation longue (80 ans et plus) 60 €' },
        { practitioner: 'Dr Paul Lefèvre', fees: 'Consultation 30 € à 40 € (OPTAM : dépassements modérés, mieux remboursés par les mutuelles)' },
        { practitioner: 'Dr Amina Benali', fees: 'Consultation 30 €' },
        { practitioner: 'Dr Hélène Rousseau', fees: 'Consultation 50 € (dépassement d’honoraires ; part Sécurité sociale sur la base de 30 €)' },
        { practitioner: 'Dr Marc Nguyen', fees: 'Examen bucco-dentaire 30 € ; soins selon devis' },
      ]),
      payments_accepted: 'Carte bancaire (sans contact), espèces, chèque.',
      tiers_payant: 'Tiers payant intégral pour les patients en ALD, maternité, AT/MP, CSS et AME. Part complémentaire : tiers payant avec la plupart des mutuelles sur présentation de la carte.',
      what_to_bring: 'Carte Vitale (ou appli carte Vitale), carte de mutuelle, pièce d’identité pour un premier rendez-vous, ordonnances et résultats récents, carnet de santé pour les enfants.',
      on_call: 'En dehors des heures d’ouverture : appelez le 116 117 (médecin de garde). Urgence vitale : 15 ou 112 ; personnes sourdes ou malentendantes : SMS au 114.',
    })
    .onConflict((oc) => oc.column('practice_id').doNothing())
    .returning('practice_id')
    .executeTakeFirst();
  return { seeded: !!res };
}
