import { parseArgs } from 'node:util';

const HELP = `pivot — le secrétariat médical open source

Usage : npx pivot <commande>

  start [--dev]        démarre Pivot (web + API) ; base intégrée dans PIVOT_DATA_DIR (./data) ou DATABASE_URL
  init                 crée un cabinet et son premier administrateur (installation réelle)
  demo reset           repart d'une démonstration neuve (refusé si la base contient un vrai cabinet ; Pivot arrêté)
  audit verify         vérifie le journal d'audit : sceaux à clé, points de contrôle (serveur arrêté ou DATABASE_URL)
  triage               lit des lignes JSON {"id","text"} sur l'entrée standard, écrit intention/urgence/langue
  billing quote        lit des consultations en lignes JSON sur l'entrée standard, écrit leur devis au centime
                       (AMO, complémentaire, reste à charge, participation forfaitaire, dû au comptoir)
  spellcheck           lit des lignes JSON {"id","text"} sur l'entrée standard, écrit les fautes d'orthographe
                       et leurs corrections (dictionnaire français + lexique médical)
  migrate              applique les migrations de la base puis s'arrête
  help                 cette aide
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start':
      return (await import('./start.js')).start(rest);
    case 'init':
      return (await import('./init.js')).init(rest);
    case 'demo':
      if (rest[0] === 'reset') return (await import('./demo-reset.js')).demoReset();
      break;
    case 'audit':
      if (rest[0] === 'verify') return (await import('./audit-verify.js')).auditVerify();
      break;
    case 'triage': {
      const { runTriageCli } = await import('../triage/cli.js');
      await runTriageCli(process.stdin, process.stdout);
      return 0;
    }
    case 'billing':
      if (rest[0] === 'quote') {
        const { runBillingQuoteCli } = await import('../billing/index.js');
        await runBillingQuoteCli(process.stdin, process.stdout);
        return 0;
      }
      break;
    case 'spellcheck': {
      const { runSpellcheckCli } = await import('../spellcheck/index.js');
      await runSpellcheckCli(process.stdin, process.stdout);
      return 0;
    }
    case 'migrate': {
      // Imported here, as every command's modules: `pivot triage` must not load the logger and its dependencies.
      const [{ openDatabase }, { loadConfig }, { createLogger }] = await Promise.all([import('../platform/db/database.js'), import('../platform/config.js'), import('../platform/logger.js')]);
      const database = await openDatabase(loadConfig(), createLogger('warn'));
      await database.close();
      console.log('Migrations appliquées.');
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(HELP);
      return 0;
  }
  console.error(`Commande inconnue : ${argv.join(' ')}\n\n${HELP}`);
  return 2;
}

export { parseArgs };
