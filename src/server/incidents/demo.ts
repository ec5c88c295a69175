import { appendAudit } from '../audit/service.js';
import type { Db } from '../platform/db/database.js';
import { clock } from '../platform/clock.js';

/** One incident of last week for the demo practice (idempotent). */
export async function seedIncidentsDemo(db: Db, now: Date = clock.now()): Promise<{ incidents: number }> {
  return db.transaction().execute(async (tx) => {
    const practice = await tx.selectFrom('practices').select('id').where('slug', '=', 'maison-de-sante-des-tilleuls').executeTakeFirst();
    if (!practice) return { incidents: 0 };
    if (await tx.selectFrom('incidents').select('id').where('practice_id', '=', practice.id).limit(1).executeTakeFirst()) return { incidents: 0 };
    const desk = await tx.selectFrom('accounts').select('id').where('email', '=', 'accueil@demo.pivot').executeTakeFirst();
    const martin = await tx.selectFrom('accounts').select('id').where('email', '=', 'medecin@demo.pivot').executeTakeFirst();
    if (!desk || !martin) return { incidents: 0 };
    const when = new Date(now.getTime() - 6 * 24 * 3600_000);
    when.setUTCHours(9, 40, 0, 0);
    const row = await tx
      .insertInto('incidents')
      .values({
        practice_id: practice.id,
        kind: 'verbal_threat',
        occurred_at: when,
        place: 'Accueil, rez-de-chaussée',
        description:
          'Un accompagnant, mécontent de l’attente (45 min de retard annoncé), a crié sur la secrétaire et menacé de « revenir régler ça ». Il est parti après l’intervention du Dr Martin. Aucun blessé.',
        severity: 'medium',
        others: 'Accompagnant d’une patiente, homme d’environ 40 ans (nom inconnu) ; deux patients témoins en salle d’attente.',
        follow_up: ['main_courante', 'ordre_informed'],
        follow_up_note: 'Main courante déposée le lendemain ; déclaration à l’Observatoire de la sécurité des médecins faite par le Dr Martin.',
        declared_by: desk.id,
        created_at: new Date(when.getTime() + 2 * 3600_000),
        updated_at: new Date(when.getTime() + 26 * 3600_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('incident_staff').values([desk.id, martin.id].map((a) => ({ practice_id: practice.id, incident_id: row.id, account_id: a }))).execute();
    await appendAudit(tx, [{ accountId: null, practiceId: practice.id, action: 'demo.incident_seeded', resourceType: 'incident', resourceId: row.id }]);
    return { incidents: 1 };
  });
}
