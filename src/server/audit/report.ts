import { DateTime } from 'luxon';
import type { AuditProblem, AuditWarning, VerifyReport } from './verify.js';

/** The verification's verdict in words, for the admin page and `pivot audit verify` (French by default). */
export type Lang = 'fr' | 'en';

/**
 * An instant as people read it, to the second (an audit verdict compares instants), in Paris time with its offset so
 * that it is unambiguous for a reader elsewhere: « 07/12/2026 à 13:45:55 (UTC+1) ». The report's fields keep ISO.
 */
export function readableInstant(iso: string, lang: Lang = 'fr'): string {
  const at = DateTime.fromISO(iso, { zone: 'utc' }).setZone('Europe/Paris');
  if (!at.isValid) return iso;
  const offset = at.toFormat('ZZ').replace(/^([+-])0?(\d+):00$/, '$1$2').replace(/^([+-])0?(\d+):(\d\d)$/, '$1$2:$3');
  return lang === 'fr' ? `${at.toFormat('dd/MM/yyyy')} à ${at.toFormat('HH:mm:ss')} (UTC${offset})` : `${at.toFormat('dd/MM/yyyy HH:mm:ss')} (UTC${offset})`;
}

const brokenWhy = {
  fr: { gap: 'des entrées manquent avant elle', link: 'elle ne suit pas l’entrée précédente', hash: 'son contenu ou son sceau a été modifié', cutover: 'ce n’est pas l’entrée enregistrée au passage à la chaîne à clé' },
  en: { gap: 'entries are missing before it', link: 'it does not follow the previous entry', hash: 'its content or seal was changed', cutover: 'it is not the entry recorded at the switch to the keyed chain' },
} as const;

export function describeProblem(p: AuditProblem, lang: Lang = 'fr'): string {
  const fr = lang === 'fr';
  switch (p.kind) {
    case 'broken':
      return fr ? `Chaîne rompue à l’entrée ${p.id} (n° ${p.seq}) : ${brokenWhy.fr[p.reason]}.` : `Chain broken at entry ${p.id} (no. ${p.seq}): ${brokenWhy.en[p.reason]}.`;
    case 'backdated':
      return fr ? `Entrée ${p.id} (n° ${p.seq}) antidatée : ${readableInstant(p.occurredAt)}, alors que la chaîne était au ${readableInstant(p.chainTime)}.` : `Entry ${p.id} (no. ${p.seq}) back-dated: ${readableInstant(p.occurredAt, 'en')} while the chain was at ${readableInstant(p.chainTime, 'en')}.`;
    case 'rewritten':
      return fr ? `Journal réécrit : l’entrée n° ${p.seq} n’est plus celle du point de contrôle du ${readableInstant(p.checkpointAt)}.` : `Log rewritten: entry no. ${p.seq} is not the one of the checkpoint of ${readableInstant(p.checkpointAt, 'en')}.`;
    case 'truncated':
      return fr
        ? `Journal tronqué : le point de contrôle du ${readableInstant(p.checkpointAt)} comptait ${p.expectedSeq} entrées scellées, la base n’en a plus que ${p.lastSeq}.`
        : `Log truncated: the checkpoint of ${readableInstant(p.checkpointAt, 'en')} counted ${p.expectedSeq} sealed entries, the database now has ${p.lastSeq}.`;
    case 'refused':
      return fr
        ? `Entrée ${p.id} refusée par le scellement (${p.reason === 'backdated' ? 'antidatée' : 'datée dans le futur'} : ${readableInstant(p.occurredAt)}) : elle n’est pas dans la chaîne.`
        : `Entry ${p.id} refused by the sealer (${p.reason === 'backdated' ? 'back-dated' : 'dated in the future'}: ${readableInstant(p.occurredAt, 'en')}): it is not in the chain.`;
    case 'sealing':
      if (p.why === 'wrong_key') {
        return fr
          ? `Scellement refusé : la clé secrète n’est pas celle de cette installation (PIVOT_SECRET_KEY, secret.key) ; ${p.unsealed} entrées attendent.`
          : `Sealing refused: the secret key is not this installation's (PIVOT_SECRET_KEY, secret.key); ${p.unsealed} entries are waiting.`;
      }
      return p.why === 'error'
        ? fr ? `Le scellement a échoué ; ${p.unsealed} entrées attendent.` : `Sealing failed; ${p.unsealed} entries are waiting.`
        : fr
          ? `Scellement arrêté : la chaîne ne contient plus son dernier point de contrôle (${p.why === 'truncated' ? 'entrées supprimées' : 'entrées réécrites'}) ; ${p.unsealed} entrées attendent. Voir docs/operations.md.`
          : `Sealing stopped: the chain no longer holds its last checkpoint (${p.why === 'truncated' ? 'entries removed' : 'entries rewritten'}); ${p.unsealed} entries are waiting. See docs/operations.md.`;
    case 'cutover_missing':
      return fr ? 'L’enregistrement du passage à la chaîne à clé a été supprimé.' : 'The record of the switch to the keyed chain was removed.';
    case 'cutover_forged':
      return fr ? 'L’enregistrement du passage à la chaîne à clé a été modifié.' : 'The record of the switch to the keyed chain was altered.';
    case 'checkpoint_forged':
      return fr ? `Point de contrôle falsifié (signature invalide) : ${p.source}.` : `Forged checkpoint (invalid signature): ${p.source}.`;
  }
}

export function describeWarning(w: AuditWarning, lang: Lang = 'fr'): string {
  const fr = lang === 'fr';
  switch (w.kind) {
    case 'no_checkpoint':
      return fr
        ? 'Aucun point de contrôle dans ce dossier : une suppression des dernières entrées ne peut pas être détectée ici.'
        : 'No checkpoint in this folder: removing the last entries cannot be detected here.';
    case 'checkpoint_unreadable':
      return fr ? `Point de contrôle illisible (ignoré) : ${w.source}.` : `Unreadable checkpoint (ignored): ${w.source}.`;
    case 'cutover_unsigned':
      return fr ? 'Le passage à la chaîne à clé n’est pas encore signé (aucun scellement depuis la mise à jour).' : 'The switch to the keyed chain is not signed yet (no sealing since the upgrade).';
  }
}

/** One line: the verdict, with the counts. */
export function summarise(r: Pick<VerifyReport, 'ok' | 'checked' | 'problems' | 'problemCounts' | 'checkpoints'>, lang: Lang = 'fr'): string {
  const fr = lang === 'fr';
  if (r.ok) {
    const anchored = r.checkpoints.latest
      ? fr ? `, ancrées par ${r.checkpoints.valid} points de contrôle (dernier : ${r.checkpoints.latest.seq} entrées au ${readableInstant(r.checkpoints.latest.at)})` : `, anchored by ${r.checkpoints.valid} checkpoints (latest: ${r.checkpoints.latest.seq} entries at ${readableInstant(r.checkpoints.latest.at, 'en')})`
      : '';
    return fr ? `Chaîne d’audit intacte : ${r.checked} entrées vérifiées${anchored}.` : `Audit chain intact: ${r.checked} entries checked${anchored}.`;
  }
  const total = Object.values(r.problemCounts).reduce((a, b) => a + b, 0);
  const first = r.problems[0] ? ` ${describeProblem(r.problems[0], lang)}` : '';
  return fr ? `Chaîne d’audit ALTÉRÉE : ${total} anomalie(s).${first}` : `Audit chain ALTERED: ${total} problem(s).${first}`;
}
