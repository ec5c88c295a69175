/**
 * Concepts of the mind for the catalogue: wishes to die, means, acts of self-harm, and the
 * indirect signs of suicidal intent listed by NICE (CG133, NG225) and the French 3114
 * training material — farewells, thanks with finality, affairs put in order, possessions
 * given away, "you won't hear from me again". One of these alone is often innocent
 * ("merci pour tout" when a family moves away); two together, or one with despair or
 * means, is not.
 */

const alt = (...xs: string[]): string => `(?:${xs.join('|')})`;

/** Severe breathlessness in lay words (not "respire bien"). */
export const BREATHLESS_STRICT = alt(
  '(?:du mal|de la peine|peine|difficulte\\w*) a respirer', '(?<!voix )etouff(?:e|es|ent|ement|ait|ais|ant)\\b', 's etouff\\w*', 'j etouff\\w*', 'respire (?:tres |super |trop )?(?:mal|difficilement|vite|fort|court|bizarrement|avec peine|par a coups)',
  '(?:n|ne) (?:arrive|arrivait|peut|peux|parvient) (?:plus|pas|presque plus) a respirer', '(?:ne )?respire (?:plus|presque plus)', 'respiration (?:difficile|courte|sifflante|rapide|bruyante|laborieuse|saccadee|genee)',
  'difficultes? respiratoires?', 'gene respiratoire', 'detresse respiratoire', 'manque (?:d air|de souffle)', 'cherche (?:son|mon|leur) (?:air|souffle)', 'suffoqu\\w*', 'asphyx\\w*',
  'essouffle\\w* au (?:repos|moindre)', 'souffle coupe', 'a bout de souffle', 'haletant\\w*',
  '(?:struggl\\w*|fighting|trouble|difficulty|hard|hardly|unable|labou?r\\w*|problems?) (?:to |with |for )?(?:breathe|breathing|breath)', 'can not (?:breathe|get (?:my|his|her) breath|catch (?:my|his|her) breath)',
  'breathing (?:is |was )?(?:very |really )?(?:hard|difficult|fast|labou?red|noisy|heavy|shallow|rapid|bad)', 'gasping', 'choking', 'suffocat\\w*', 'short of breath at rest', 'can hardly breathe', 'barely breathing', 'air hunger',
);

export const DEATH_WISH = alt(
  '(?:me|se|te) (?:suicider|tuer|foutre en l air|supprimer)', 'suicid\\w*', 'en finir', 'mettre fin a (?:mes|ses|tes) jours', 'mettre un terme a (?:tout|ma vie|sa vie)',
  '(?:plus|pas) envie de (?:vivre|continuer|me reveiller|se reveiller)', 'envie de mourir', '(?:veux|veut|voudrais|voudrait) (?:mourir|disparaitre|partir pour de bon|que tout s arrete)',
  'ne plus (?:me|se) reveiller', 'dormir pour toujours', 'partir pour (?:de bon|toujours)', 'rejoindre (?:mon|ma|mes) (?:mari|femme|fils|fille|parents|mere|pere)\\w*',
  'kill (?:myself|himself|herself|themselves)', 'end (?:it|it all|my life|his life|her life|things|everything)', '(?:want|wants|wanted) to die', 'better off dead', 'no reason to live',
  '(?:do not|does not|don t|doesn t) want to (?:be here|live|wake up|go on)', 'take (?:my|his|her) (?:own )?life', 'ending it', 'not (?:be )?(?:waking|wake) up', 'go to sleep (?:and|forever)',
  'disappear (?:forever|for good)', 'join (?:my|his|her) (?:late )?(?:husband|wife|son|daughter)',
);

/** Means prepared: enough on their own beside despair or a farewell. */
export const MEANS = alt(
  '(?:cachets?|comprimes?|medicaments?|gelules?|somniferes?) (?:de cote|gardes?|stockes?|accumules?|prets?|caches?)', '(?:garde|stocke|accumule|mis de cote|cache|conserve)\\w* (?:tous |toutes )?(?:mes|ses|des|les) (?:cachets|comprimes|medicaments|somniferes|boites|plaquettes)(?! (?:au frais|dans (?:le|la) (?:frigo|refrigerateur)))',
  'tous (?:mes|ses) (?:cachets|comprimes|medicaments|somniferes)', 'toutes (?:mes|ses) (?:boites|plaquettes)', 'reserve de (?:medicaments|cachets|somniferes|comprimes)', 'saved (?:up )?(?:all )?(?:my |his |her )?(?:pills|tablets|meds)', 'stockpil\\w*',
  'all (?:my|his|her) (?:pills|tablets|meds)', '(?:kept|put|set|saved|hidden|hid)(?: \\w+){0,3} (?:aside|away|back)', 'corde', 'rope', 'noose', 'fusil', 'carabine', 'pistolet', 'gun', 'rifle', 'lames? de rasoir', 'razor blades?', 'charbon de bois', 'pot d echappement', 'hosepipe',
);
/** Places and objects that are means only beside a wish to die. */
export const MEANS_WEAK = alt('pont', 'bridge', 'voie ferree', 'rails?', 'railway', 'train', 'falaise', 'cliff', 'balcon', 'balcony', 'fenetre', 'window', 'couteau', 'knife', 'arme', 'gaz', 'exhaust', 'medicaments?', 'cachets?', 'pills', 'tablets');

export const SELF_HARM_ACT = alt(
  '(?:je me suis|il s est|elle s est|s est|me suis) (?:coupe\\w*(?! (?:au |le |a l |l |un |les )?(?:doigts?|pouces?|pied|genou|front|menton|levre|cheveux)| en (?:cuisinant|coupant|bricolant|epluchant|jardinant))|taillade\\w*|scarifie\\w*|ouvert les (?:veines|poignets)|pendu\\w*|jete\\w* (?:du|par|sous|dans))',
  'ouvert les (?:veines|poignets)', 'taillade\\w* les', 'scarifi\\w* (?:ce soir|maintenant|profond\\w*)', 'cut (?:myself|himself|herself|my wrists?|his wrists?|her wrists?|deep)', 'slit (?:my|his|her)',
  // Three-word SMS: « cut wrists bleeding », « poignets ouverts ».
  'cut (?:\\w+ )?wrists?', 'slit (?:\\w+ )?wrists?', 'slash\\w* (?:\\w+ )?wrists?', 'wrists? (?:cut|slit|slashed|bleeding)', '(?:coupe|ouvert|taillade)\\w* (?:les|mes|ses) (?:veines|poignets)', 'poignets? (?:ouverts?|coupes?|taillades?)', 'veines (?:ouvertes|coupees)',
  'overdos\\w*', 'surdos\\w*', '(?:pris|avale|avalait|prend) (?:tous|toutes|toute) (?:mes|ses|la|sa|ma) (?:cachets|medicaments|comprimes|gelules|boites?|plaquettes?|somniferes)',
  'took (?:all|a whole|the whole) (?:of )?(?:my|his|her|the|box|bottle|packet)', 'swallowed (?:all|a whole|the whole|loads of|lots of)', 'tentative de (?:suicide|pendaison)', 'tente de (?:se|me) (?:suicider|tuer|pendre)',
  '(?:tried|trying|attempted|attempting) to (?:kill|hang|end)', 'suicide attempt', 'attempted suicide', 'se pendre', 'me pendre', 'hanging (?:himself|herself|myself)', 'hang (?:myself|himself|herself)',
  'sur le (?:pont|toit|balcon|rebord) (?:et|pour|depuis)', 'on the (?:bridge|roof|ledge) (?:and|to)', 'enferme\\w* (?:dans|a) (?:la salle de bain|sa chambre|les toilettes) (?:avec|et)', 'locked (?:himself|herself) in', 'moteur (?:qui )?tourne', 'engine (?:is )?running', '(?:ma|sa|la) voiture (?:dans|au) (?:le )?garage',
  '(?:pris|prendre|prends|avale\\w*|gobe\\w*|took|taken|swallowed) (?:toute|tout|toutes|tous) (?:la|le|les|mes|ses|sa|ma|une) (?:plaquette|boite|flacon|tube|cachets|comprimes|medicaments)',
);

/** Despair and exhaustion of living (alone: same_day at most; with finality or means: vital). */
export const DISTRESS = alt(
  '(?:n en|ne) (?:peux|peut|pouvais) plus', 'plus la force', 'plus de force', 'a bout de forces', 'au bout du rouleau', 'fatigue\\w* de (?:tout|vivre|la vie|lutter|me battre)', 'epuise\\w* de tout',
  '(?:ca|cela|rien ne) (?:ne )?sert (?:a|plus a) rien', 'plus de sens', 'aucun sens', 'plus d espoir', 'aucun espoir', 'desespoir', 'desespere\\w*', 'idees? noires', 'pensees? noires', 'tout noir',
  'mieux sans moi', 'mieux sans (?:lui|elle)', 'personne ne (?:me|le|la) regrettera', 'seul\\w* au monde', 'plus personne',
  'can not (?:go on|take (?:it|this) anymore|cope)', 'can t go on', 'no (?:point|hope|way out)', 'hopeless', 'tired of (?:everything|living|life|it all|fighting)', 'had enough', 'burden', 'better off without',
  'nobody (?:will|would) (?:miss|care)', 'no one (?:will|would) (?:miss|care)', 'dark thoughts', 'worthless',
);

/** The indirect signs, one family per entry: two different families together raise the alarm. */
export const FAREWELL = alt('adieu\\w*', 'goodbye (?:everyone|everybody|all)', 'bye (?:everyone|everybody) (?:forever|for good)', 'au revoir (?:a )?(?:tous|tout le monde)', 'dernier jour', 'last day (?:on earth|alive)', 'merci a ceux qui (?:ont compte|m ont aime)', 'dire au revoir a (?:tout le monde|tous)', 'mes derniers mots', 'dernier (?:message|mot|mail|sms)', 'derniere fois que (?:je vous|vous m)', 'goodbye (?:to (?:everyone|all|you all)|forever|for good)', 'farewell', 'saying goodbye', 'last (?:message|words|time you)', 'final (?:message|words|goodbye)');
const NEVER_AGAIN = alt('vous n entendrez plus parler de moi', 'plus (?:jamais )?parler de moi', 'ne me (?:reverrez|reverrai|verrez) plus', 'on ne se reverra (?:plus|pas)', 'ne (?:serai|sera) plus (?:la|parmi vous|de ce monde)', 'je ne viendrai plus jamais', 'won t (?:hear from|see) me (?:again|anymore)', 'will not (?:hear from|see) me (?:again|anymore)', 'not (?:be )?(?:around|here) (?:much longer|for long|anymore|any longer)', 'won t be (?:around|here)', 'will not be (?:around|here)', 'gone (?:for good|soon)', 'never see me again');
const BURDEN_END = alt('(?:serez|seront|serons) (?:enfin )?(?:tranquilles?|debarrasse\\w*|libres?)', 'you (?:will|ll) (?:all )?be (?:free|rid of me|better off)', '(?:ne|n) (?:serai|sera) plus (?:un|une) (?:poids|charge|fardeau|souci|probleme)', 'plus (?:un|une) (?:poids|charge|fardeau) pour', '(?:ce|tout|ca) sera (?:bientot )?(?:fini|termine|regle)', 'bientot (?:fini|termine|tranquille|en paix|libre)', 'enfin (?:tranquille|en paix|libre)', 'no longer be a (?:burden|problem)', 'not be a burden', '(?:it|all this|everything) will (?:all )?be over', 'over soon', 'at peace soon', 'finally (?:at peace|free)');
const AFFAIRS = alt('sorted (?:out )?(?:the|my) will', 'made (?:out )?(?:the|my) will', 'regle\\w* tout (?:definitivement|ce soir|pour de bon)', 'fermer mon dossier', 'close my (?:file|records?)', 'tout regler (?:ce soir|avant)', '(?:mis|mettre|mets) (?:de l ordre|en ordre|mes affaires en ordre)', 'mes affaires (?:sont )?(?:en ordre|rangees|reglees)', 'tout (?:range|regle|organise|prevu) (?:pour|avant|apres)', 'tout est (?:regle|en ordre|prevu|organise)', 'fait mon testament', 'papiers en ordre', 'put (?:my|his|her) affairs in order', 'affairs (?:are )?(?:in order|sorted)', 'sorted (?:everything|all my|out my)', 'made (?:a|my) will', 'wrote (?:a|my) will', 'everything is (?:arranged|sorted|organised|organized)');
const GIVING_AWAY = alt('(?:given|gave|giving) (?:the|my|his|her) (?:dog|cat|\\w+) to', '(?:donne|distribue|offert|legue)\\w* (?:mes|toutes mes|tous mes|ses|toutes ses|tous ses|mon|ma|son|sa|tout|mes affaires)', 'donner (?:mes|mon|ma) (?:affaires|chat|chien|bijoux|vetements|livres|voiture)', 'trouve (?:une famille|quelqu un) pour (?:mon|ma) (?:chat|chien)', 'qui (?:s occupera|prendra) (?:de )?(?:mon|ma) (?:chat|chien)', 'given away', 'giving away', 'gave away', 'rehom\\w*', 'someone to (?:take|look after) (?:my|the) (?:cat|dog)');
const LETTERS = alt('lettres? adressees? a', 'lettres? (?:pour|a) (?:mes|ma|mon|les|chacun)', '(?:j ai|il a|elle a) (?:ecrit|laisse) (?:une|des|un) (?:lettres?|mots?)', 'laisse (?:une|des) lettres?', 'letters? (?:for|to) (?:my|the|each)', '(?:wrote|written|left) (?:a |some )?(?:letters?|notes?) (?:for|to)');
const NO_NEED = alt('(?:n|ne) (?:en )?aurai plus besoin', 'plus besoin de (?:rendez vous|traitement|medicaments|soins|ordonnance|suivi|renouvel\\w*)', 'ce ne sera plus (?:utile|necessaire)', 'annul\\w* (?:tous|toutes) (?:mes|ses|les) (?:rendez vous|consultations|soins)', 'resili\\w* (?:tout|toutes|tous|mon|ma|mes)', 'won t (?:need|be needing) (?:it|them|any|another)', 'will not (?:need|be needing) (?:it|them|any|another)', 'no longer (?:need|be needing)', 'cancel (?:all|everything)', 'all (?:my|of my) (?:future )?appointments');
const THANKS_FINAL = alt('merci pour tout', 'merci (?:infiniment )?pour tout ce que vous avez fait', 'vous avez ete (?:formidable|tres bien|bon|bonne) avec moi', 'prenez soin de (?:vous|ma|mon|mes)', 'occupez vous (?:bien )?de (?:ma|mon|mes)', 'thank you for everything', 'thanks for everything', 'for all you (?:have|ve) done', 'take care of (?:my|yourself|yourselves)', 'pardon (?:pour tout|a tous)', 'pardonnez moi', 'forgive me', 'sorry for everything', 'desole\\w* pour tout', 'ne (?:me )?cherchez pas', 'don t look for me', 'do not look for me');

export const FINALITY_SOURCES = [FAREWELL, NEVER_AGAIN, BURDEN_END, AFFAIRS, GIVING_AWAY, LETTERS, NO_NEED, THANKS_FINAL];
export const FINALITY = alt(...FINALITY_SOURCES);
export const FINALITY_PARTS: RegExp[] = FINALITY_SOURCES.map((s) => new RegExp(`\\b${s}\\b`, 'g'));

/** Any sign of suicidal thinking: when the statistical detector fires with one, the reply adds 3114. */
export const SUICIDE_HINT = new RegExp(`\\b(?:${DEATH_WISH}|${SELF_HARM_ACT}|${DISTRESS}|${FINALITY})\\b`);
