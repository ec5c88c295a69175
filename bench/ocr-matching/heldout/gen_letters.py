#!/usr/bin/env python3
"""Generate letters.jsonl (60 OCR'd French letters) from roster.json.
Identity strings are derived from roster fields so that truth stays consistent."""
import json, datetime as dt

R = {p["key"]: p for p in json.load(open("roster.json", encoding="utf-8"))}
MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
        "septembre", "octobre", "novembre", "décembre"]

def bd(k):
    return dt.date.fromisoformat(R[k]["birthDate"])

def dmy(k, sep="/", yy=False):
    d = bd(k)
    y = f"{d.year % 100:02d}" if yy else f"{d.year}"
    return f"{d.day:02d}{sep}{d.month:02d}{sep}{y}"

def dlong(k):
    d = bd(k)
    day = "1er" if d.day == 1 else str(d.day)
    return f"{day} {MOIS[d.month - 1]} {d.year}"

def age(k, on):
    d, o = bd(k), dt.date.fromisoformat(on)
    return o.year - d.year - ((o.month, o.day) < (d.month, d.day))

def nir15(k):
    return R[k]["nir"].replace(" ", "")

def nsp(k):
    n = nir15(k)
    return f"{n[0]} {n[1:3]} {n[3:5]} {n[5:7]} {n[7:10]} {n[10:13]} {n[13:]}"

def nraw(k):
    return R[k]["nir"]

def fdate(iso):
    d = dt.date.fromisoformat(iso)
    day = "1er" if d.day == 1 else str(d.day)
    return f"{day} {MOIS[d.month - 1]} {d.year}"

def valid_nir(body13):
    return f"{body13}{97 - int(body13) % 97:02d}"

GP = "Dr Anne-Sophie BERTRAND"
CAB = ["Cabinet médical des Lices", "12 place des Lices", "35000 RENNES"]

L = []
def add(layout, lines, key):
    L.append({"id": f"L{len(L) + 1:02d}", "layout": layout, "lines": lines,
              "truth": {"patientKey": key}})

# L01 p01 lab, birth name only (used name MARTIN; p02 Marie MARTIN look-alike)
add("lab", [
    "LABORATOIRE BIO-OUEST — Site Rennes Colombier",
    "8 rue de Plélo 35000 Rennes  Tél 02 99 30 41 00",
    "Biologiste responsable : Dr Thierry KERVELLA",
    "Prescripteur : Dr BERTRAND Anne-Sophie",
    "Patient(e) : DUPONT Marie Claire",
    f"Né(e) le : {dmy('p01')}        Sexe : F",
    "Dossier n° 26-114587   Prélevé le 03/11/2026 à 08:12",
    "HÉMATOLOGIE",
    "Hémoglobine ........ 12,1 g/dL   (12,0 - 16,0)",
    "Leucocytes ......... 6,8 G/L     (4,0 - 10,0)",
    "Plaquettes ......... 245 G/L     (150 - 400)",
    "BIOCHIMIE",
    "Ferritine .......... 14 µg/L  *  (15 - 150)",
    "TSH ................ 1,92 mUI/L  (0,40 - 4,00)",
    "Compte rendu validé par Dr T. KERVELLA le 03/11/2026",
], "p01")

# L02 p02 hospital discharge
add("hospital", [
    "CENTRE HOSPITALIER UNIVERSITAIRE DE RENNES",
    "Service de Gastro-entérologie — Pr Hervé LE MOAL",
    "Rennes, le 21 octobre 2026",
    f"{GP}",
    *CAB[1:],
    "COMPTE RENDU D'HOSPITALISATION",
    f"concernant Mme MARTIN Marie, née le {dmy('p02')},",
    "hospitalisée du 14/10/2026 au 19/10/2026.",
    "Chère consœur,",
    "Votre patiente a été admise pour une pancréatite aiguë biliaire d'évolution favorable.",
    "Une cholécystectomie est programmée dans six semaines.",
    "Traitement de sortie : paracétamol 1 g x 3/j si douleurs.",
    "Bien confraternellement,",
    "Dr Claire ANDRIEUX, cheffe de clinique",
], "p02")

# L03 p03 specialist, age only
add("specialist", [
    "Dr Philippe LAMBERT",
    "Cardiologue — Ancien chef de clinique",
    "Clinique Saint-Laurent, 320 av. Général Patton, 35700 Rennes",
    "Rennes, le 2 novembre 2026",
    f"À l'attention du {GP}",
    "Cher confrère,",
    f"J'ai vu en consultation votre patient M. Jean-Pierre MARTIN, {age('p03', '2026-11-02')} ans,",
    "pour bilan d'une dyspnée d'effort. L'ECG retrouve une fibrillation atriale",
    "à réponse ventriculaire contrôlée. ETT : FEVG 55 %, OG dilatée.",
    "J'introduis apixaban 5 mg x 2/j et bisoprolol 2,5 mg.",
    "Je le reverrai dans trois mois avec un Holter.",
    "Bien confraternellement,",
    "Dr P. LAMBERT",
], "p03")

# L04 p04 NIR-only (MARTIN J. ambiguous between p03 and p04)
add("admin", [
    "Assurance Maladie",
    "CPAM d'Ille-et-Vilaine",
    "Cours des Alliés 35024 RENNES CEDEX 9",
    "Le 12/10/2026",
    "Réf. : PSR/ALD/2026-44871",
    "M. MARTIN J.",
    f"N° d'immatriculation : {nsp('p04')}",
    "Objet : accord de prise en charge — affection de longue durée",
    "Docteur,",
    "Le service médical a émis un avis favorable au protocole de soins",
    "que vous avez établi pour l'assuré(e) ci-dessus désigné(e) (ALD n° 8).",
    "Durée de l'accord : jusqu'au 11/10/2031.",
    "Le médecin conseil, Dr Françoise LEBRETON",
], "p04")

# L05 p06 child, father p05 mentioned
add("specialist", [
    "Dr Gaëlle MORVAN — Pédiatre",
    "Maison de l'Enfant, 4 bd de la Tour d'Auvergne, 35000 Rennes",
    "Le 9 octobre 2026",
    f"Cher confrère ({GP}),",
    f"J'ai revu ce jour Maëlle LE GALL, née le {dmy('p06')}, accompagnée de son père",
    "M. Yann LE GALL, pour le suivi de son asthme.",
    "L'enfant n'a pas présenté d'exacerbation depuis l'été. EFR normales.",
    "Je propose de diminuer la fluticasone à 50 µg x 2/j.",
    "Prochain contrôle en mars 2027.",
    "Bien à vous,",
    "Dr G. MORVAN",
], "p06")

# L06 p07 radiology, 2-digit year (look-alike p05 LE GALL Yann)
add("radiology", [
    "IMAGERIE MÉDICALE DE L'ALMA",
    "Radiologie — Échographie — Scanner — IRM",
    "Dr Sébastien HAMON, Dr Claire TANGUY",
    "Patient : LEGALL Yannick    DDN : " + dmy("p07", ".", yy=True),
    "Médecin demandeur : Dr BERTRAND",
    "Examen du 16/11/2026 : SCANNER THORACIQUE SANS INJECTION",
    "Indication : toux persistante chez un ancien fumeur.",
    "Résultat : micronodule de 4 mm du lobe supérieur droit, non suspect.",
    "Pas d'adénopathie médiastinale. Emphysème centrolobulaire modéré.",
    "Conclusion : micronodule solide < 6 mm, contrôle scanographique optionnel à 12 mois (Fleischner).",
    "Dr S. HAMON",
], "p07")

# L07 p05 hospital, long date
add("hospital", [
    "Hôpital privé Sévigné — Cesson-Sévigné",
    "Service d'Orthopédie — Dr Loïc LE GUEN",
    "Le 27 octobre 2026",
    "Compte rendu opératoire et de sortie",
    f"Patient : M. LE GALL Yann, né le {dlong('p05')}",
    "Intervention du 22/10/2026 : arthroscopie du genou droit, méniscectomie partielle interne.",
    "Suites simples. Sortie le 23/10/2026.",
    "Arrêt de travail 3 semaines. Kinésithérapie 15 séances.",
    "Ablation des fils à J12 par IDE.",
    "Copie : Dr BERTRAND, médecin traitant",
], "p05")

# L08 p08 lab, OCR merges compound name, no accents
add("lab", [
    "CERBALLIANCE BRETAGNE - Laboratoire de Rennes Sud",
    "Prescripteur : DR BERTRAND A-S",
    "Nom : DELAFONTAINE          Prenom : HELENE",
    f"Ne(e) Ie : {dmy('p08')}    Age : {age('p08', '2026-11-05')} ans",
    "Prelevement du 05/11/2026",
    "INR ............ 2,6   (zone thérapeutique 2,0 - 3,0)",
    "Créatinine ..... 98 µmol/L   DFG CKD-EPI 49 mL/min/1,73m2",
    "Traitement déclaré : fluindione",
    "Validé par : M. Bruno ÉTIENNE, pharmacien biologiste",
], "p08")

# L09 p09 specialist
add("specialist", [
    "Docteur Hélène ROUX",
    "Pneumologie — Allergologie",
    "15 rue de Saint-Malo, 35000 Rennes",
    "Rennes, le 18 novembre 2026",
    "Chère consœur,",
    f"J'ai vu en consultation Mme Hélène Lafontaine, née le {dmy('p09', '.')},",
    "adressée pour rhinite persistante. Prick-tests positifs aux acariens.",
    "Je propose une désensibilisation sublinguale.",
    "Cordialement,",
    "Dr H. Roux",
], "p09")

# L10 null: namesake of p08 with different birth date
add("hospital", [
    "CHU DE NANTES — Hôtel-Dieu",
    "Service de Gériatrie aiguë",
    "Nantes, le 6 novembre 2026",
    "Compte rendu d'hospitalisation",
    "concernant Mme DE LA FONTAINE Hélène, née le 15/06/1939, demeurant à Vertou,",
    "hospitalisée du 28/10 au 05/11/2026 pour chute à domicile.",
    "Médecin traitant déclaré : Dr Jacques PRIOUX (Vertou).",
    "Copie adressée au Dr BERTRAND à la demande de la famille (fille : Mme Anne DUPONT).",
    "Dr Isabelle MÉNARD",
], None)

# L11 p10 pharmacy fax, no diaeresis
add("pharmacy", [
    "FAX — PHARMACIE DU COLOMBIER",
    "M. Jean ROUX, docteur en pharmacie",
    "De : Pharmacie du Colombier   À : Cabinet Dr BERTRAND",
    "Date : 24/11/2026  Pages : 1",
    "Objet : demande de renouvellement / problème d'ordonnance",
    "Patient : NOEL Jean-Baptiste  DDN " + dmy("p10", yy=True),
    "L'ordonnance du 20/11 mentionne Ventoline sans posologie.",
    "Merci de nous faxer une ordonnance rectifiée.",
    "Cordialement, J. Roux",
], "p10")

# L12 p11 mutuelle, long date
add("admin", [
    "MUTUELLE HARMONIE OUEST",
    "Service Prestations — 35 rue du Pré Botté — Rennes",
    "Le 13 octobre 2026",
    f"Adhérent : M. NOEL Jean, né le {dlong('p11')}",
    "Contrat : SANTÉ ESSENTIEL n° 00458812",
    "Madame, Monsieur,",
    "Nous accusons réception de la demande de prise en charge hospitalière",
    "établie par le Dr BERTRAND. Accord jusqu'au 31/12/2026.",
    "Le service gestion",
], "p11")

# L13 p12 specialist, no cedilla, daughter as interpreter
add("specialist", [
    "Dr Nicolas PERRIN — Endocrinologue",
    "Centre Médical Colombia, 35000 Rennes",
    "Le 4 novembre 2026",
    "Cher confrère,",
    f"J'ai vu votre patient M. CELIK Mehmet, né le {dmy('p12')}, accompagné de sa fille",
    "Elif qui a assuré la traduction.",
    "Diabète de type 2 déséquilibré : HbA1c 9,1 %. J'ajoute sémaglutide 0,25 mg/semaine.",
    "Bilan podologique à prévoir.",
    "Confraternellement, Dr N. PERRIN",
], "p12")

# L14 p13 hospital, used name + birth name
add("hospital", [
    "CHU de Rennes — Hôpital Sud",
    "Pôle Femme-Enfant — Gynécologie",
    "Rennes, le 30 octobre 2026",
    "Compte rendu d'hospitalisation",
    f"concernant Mme ÇELIK Ayşe née YILMAZ le {dmy('p13')}",
    "Hospitalisation ambulatoire du 29/10/2026 pour hystéroscopie opératoire.",
    "Résection d'un polype endométrial. Anatomopathologie en attente.",
    "Dr Marie-Laure GUILLOU",
    "Copie : Dr A.-S. BERTRAND",
], "p13")

# L15 p14 child with mother p13 mentioned
add("specialist", [
    "Cabinet d'ORL — Dr Olivier BLANCHARD",
    "Le 17/11/2026",
    "Cher confrère,",
    f"Je vois ce jour Emre CELIK, {age('p14', '2026-11-17')} ans, né le {dmy('p14')},",
    "accompagné de sa mère Mme Ayse CELIK.",
    "Otites séreuses récidivantes : je pose l'indication d'aérateurs transtympaniques.",
    "Bien cordialement,",
    "Dr O. BLANCHARD",
], "p14")

# L16 p16 twin, lab
add("lab", [
    "LABORATOIRE BIOGROUP — RENNES NORD",
    "Prescripteur : BERTRAND Anne-Sophie (Dr)",
    "BERNARD Hugo",
    f"Date de naissance : {dmy('p16')}",
    "Demande n° 2611-03347 du 10/11/2026",
    "Sérologie hépatite B : Ac anti-HBs 8 mUI/mL (non immunisé)",
    "Ag HBs : négatif   Ac anti-HBc : négatif",
    "Commentaire : rappel vaccinal conseillé.",
], "p16")

# L17 p15 NIR-only (twin brother same birth date, sister same initial)
add("admin", [
    "Assurance Maladie — CPAM d'Ille-et-Vilaine",
    "Service Indemnités Journalières",
    "Rennes, le 19/10/2026",
    "Assuré : BERNARD",
    "N° sécurité sociale : " + nir15("p15"),
    "Objet : arrêt de travail — demande de pièce",
    "L'avis d'arrêt de travail reçu le 15/10/2026 est illisible (volet 2).",
    "Merci de bien vouloir nous transmettre un duplicata.",
    "Le service IJ",
], "p15")

# L18 p19 twin, radiology
add("radiology", [
    "CENTRE D'IMAGERIE MÉDICALE DE CESSON",
    "Dr Thomas PETIT — Dr Agnès LORANT",
    f"Mme PETIT Chloé, née le {dmy('p19')}",
    "Échographie mammaire bilatérale du 06/11/2026",
    "Kyste simple de 8 mm du QSE gauche. ACR 2.",
    "Conclusion : aspect bénin, surveillance habituelle.",
    "Dr A. LORANT",
], "p19")

# L19 p20 age only
add("specialist", [
    "Dr Yves LE ROUX — Ophtalmologie",
    "Rennes, le 8 octobre 2026",
    "Chère consœur,",
    f"Je vois Mme Françoise DUBOIS, {age('p20', '2026-10-08')} ans, pour baisse d'acuité visuelle.",
    "Cataracte bilatérale, plus marquée à droite. Intervention OD programmée le 12/01/2027.",
    "Son mari l'accompagnait.",
    "Amitiés confraternelles,",
    "Dr Y. LE ROUX",
], "p20")

# L20 p21 hospital, wife p20 as contact person
add("hospital", [
    "Centre Hospitalier Privé Saint-Grégoire — Cardiologie",
    "Saint-Grégoire, le 23 novembre 2026",
    "COMPTE RENDU D'HOSPITALISATION",
    f"Patient : M. DUBOIS François né le {dmy('p21', '.')}",
    "Personne de confiance : Mme Françoise DUBOIS (épouse)",
    "Motif : syndrome coronarien aigu ST-. Coronarographie : angioplastie IVA + 1 stent actif.",
    "Traitement : aspirine 75 mg, ticagrélor 90 mg x 2, atorvastatine 80 mg, ramipril 2,5 mg.",
    "Réadaptation cardiaque à prévoir.",
    "Dr Stéphane COLIN, cardiologue",
], "p21")

# L21 p23 father, son p22 mentioned
add("specialist", [
    "Dr Florence JEGO — Neurologue",
    "Rennes, le 15 octobre 2026",
    "Cher confrère,",
    f"J'ai reçu M. Thomas MOREAU, né le {dlong('p23')}, venu avec son fils (Thomas également),",
    "pour troubles mnésiques évoluant depuis un an. MMSE 24/30.",
    "IRM cérébrale et bilan neuropsychologique demandés.",
    "Bien confraternellement,",
    "Dr F. JEGO",
], "p23")

# L22 p22 NIR-only (father and son both Thomas MOREAU)
add("admin", [
    "MUTUELLE MGEN — Section d'Ille-et-Vilaine",
    "Le 05/11/2026",
    "Bénéficiaire : MOREAU T.",
    "NIR : " + nraw("p22"),
    "Objet : refus de prise en charge — dépassement d'honoraires",
    "Le dépassement facturé le 12/09/2026 n'est pas couvert par votre garantie.",
    "Service adhérents",
], "p22")

# L23 null: namesake of p22 with different birth date
add("lab", [
    "LABORATOIRE BIO-OUEST — Site Vitré",
    "Prescripteur : Dr BERTRAND",
    "Patient : MOREAU Thomas",
    "Né le : 07/07/1981",
    "Prélèvement du 19/11/2026",
    "Cholestérol LDL ..... 1,92 g/L",
    "Triglycérides ....... 1,40 g/L",
    "Résultat transmis au médecin prescripteur.",
], None)

# L24 p24 married woman "Mme GIRARD née LEFEBVRE"
add("hospital", [
    "CHU DE RENNES — Hôpital Pontchaillou",
    "Service de Rhumatologie",
    "Le 3 novembre 2026",
    "Compte rendu d'hospitalisation de jour",
    f"concernant Mme GIRARD Nathalie née LEFEBVRE le {dmy('p24')}",
    "Perfusion de zolédronate 5 mg pour ostéoporose fracturaire. Bonne tolérance.",
    "Contrôle ostéodensitométrique dans 2 ans.",
    "Dr Paul GIRARD (interne) pour le Pr Aleth PERDRIGER",
], "p24")

# L25 p25 lab, birth name GIRARD
add("lab", [
    "Laboratoire d'analyses médicales de Bréquigny",
    "Patiente : Mme GIRARD Nathalie",
    f"DDN : {dmy('p25')}",
    "Prescription du Dr BERTRAND du 14/11/2026",
    "Glycémie à jeun ..... 1,31 g/L  (0,70 - 1,10)",
    "HbA1c ............... 6,9 %",
], "p25")

# L26 p27 lab, no accent
add("lab", [
    "CERBALLIANCE — Rennes Gare",
    "ROUX EMILIE",
    f"Née le {dmy('p27')}",
    "Prescripteur : Dr A.S. BERTRAND",
    "β-hCG plasmatiques : 12 450 UI/L",
    "Conclusion : compatible avec une grossesse évolutive d'environ 6 SA.",
    "Biologiste : Dr Hélène ROUX",
], "p27")

# L27 p28 NIR-only (two Emilie ROUX, swapped day/month)
add("admin", [
    "CAF d'Ille-et-Vilaine — Service PMI",
    "Rennes, le 26/10/2026",
    "Mme ROUX E.",
    "N° SS : " + nsp("p28"),
    "Objet : déclaration de grossesse",
    "Nous avons bien reçu la déclaration de grossesse établie par votre médecin.",
    "Le conseiller",
], "p28")

# L28 p30 radiology
add("radiology", [
    "IMAGERIE DES CHAMPS MANCEAUX",
    "Dr Alexandre GUERIN",
    "Nom : FOURNIER   Prénom : Michèle",
    f"DDN : {dmy('p30')}",
    "Radiographie du bassin et de la hanche gauche de face (20/10/2026)",
    "Coxarthrose gauche évoluée avec pincement supéro-externe.",
    "Pas de lésion osseuse focale.",
    "Dr A. GUERIN",
], "p30")

# L29 p31 used name ROBIN, birth name GUERIN
add("specialist", [
    "Dr Élodie CARRÉ — Dermatologie",
    "Le 12 novembre 2026",
    "Chère consœur,",
    f"Je vois Mme ROBIN Sophie (née GUERIN), née le {dmy('p31')}, pour un naevus atypique",
    "du dos. Exérèse réalisée ce jour, histologie en cours.",
    "Cordialement,",
    "Dr É. CARRÉ",
], "p31")

# L30 p32 hyphenated first name
add("specialist", [
    "Dr Julie HERVÉ — Gastro-entérologue",
    "Le 28/10/2026",
    "Cher confrère,",
    f"J'ai vu votre patient M. LAMBERT Marc-Antoine, né le {dmy('p32')}, pour douleurs",
    "abdominales et diarrhée chronique. Calprotectine fécale 450 µg/g.",
    "Iléocoloscopie programmée.",
    "Son père, M. Marc LAMBERT, m'a également contactée à ce sujet.",
    "Dr J. HERVÉ",
], "p32")

# L31 p33 lab, 2-digit year with dots
add("lab", [
    "BIOGROUP RENNES CENTRE",
    "LAMBERT MARC",
    f"DDN: {dmy('p33', '.')}",
    "PSA total ..... 3,4 ng/mL (< 4,0)",
    "Prescripteur: Dr BERTRAND",
], "p33")

# L32 p35 swapped compound first name
add("hospital", [
    "Centre Eugène Marquis — Centre de lutte contre le cancer",
    "Rennes, le 20 novembre 2026",
    "Compte rendu de consultation d'annonce",
    f"Mme BONNET Marie-Anne, née le {dlong('p35')}",
    "Carcinome canalaire infiltrant du sein droit, pT1c N0. RCP du 18/11/2026 :",
    "radiothérapie adjuvante puis hormonothérapie.",
    "Dr Anne-Marie LEMOINE, oncologue",
], "p35")

# L33 p36 admin form, surname that is a first name
add("other", [
    "FORMULAIRE DE LIAISON — MDPH 35",
    "Nom : FRANCOIS",
    "Prénom : PIERRE",
    f"Né le : {dmy('p36')}",
    "Médecin traitant : Dr BERTRAND Anne-Sophie",
    "Demande : renouvellement de la RQTH",
    "Pièces manquantes : certificat médical de moins de 1 an.",
], "p36")

# L34 p37 inverted name-like pair
add("specialist", [
    "Dr Vincent LE GOFF — Urologue",
    "Le 9 novembre 2026",
    "Cher confrère,",
    f"J'ai vu M. PIERRE François, né le {dmy('p37')}, pour colique néphrétique droite.",
    "Uroscanner : calcul de 5 mm de l'uretère pelvien. Traitement médical expulsif.",
    "Dr V. LE GOFF",
], "p37")

# L35 p38 apostrophe dropped (look-alike p39 NDIAYE Moussa)
add("hospital", [
    "CHU de Rennes — Maternité Hôpital Sud",
    "Rennes, le 1er novembre 2026",
    "Compte rendu d'accouchement",
    f"Mme NDIAYE Fatou, née le {dmy('p38')}, G2P2",
    "Accouchement voie basse le 29/10/2026 d'un garçon, Ibrahima, 3 420 g.",
    "Père : M. Moussa NDIAYE.",
    "Sage-femme : Mme Lucie TANGUY",
], "p38")

# L36 p40 double Spanish surname
add("lab", [
    "LABORATOIRE BIO-OUEST Cleunay",
    "GARCIA LOPEZ CARMEN",
    f"Date de naissance : {dmy('p40')}",
    "Vitamine D (25-OH) ..... 18 ng/mL (insuffisance)",
    "Prescripteur : Dr BERTRAND",
], "p40")

# L37 p41 apostrophe lost by OCR, 2-digit year
add("specialist", [
    "Dr Karine MAHÉ — Rhumatologue",
    "Le 7/10/2026",
    "Cher confrère,",
    f"J'ai revu M. Rui DALMEIDA (né le {dmy('p41', yy=True)}) pour sa goutte.",
    "Uricémie 420 µmol/L sous allopurinol 100 mg : j'augmente à 200 mg.",
    "Dr K. MAHÉ",
], "p41")

# L38 p44 child, father p45 mentioned
add("specialist", [
    "Dr Gaëlle MORVAN — Pédiatre",
    "Le 21 octobre 2026",
    "Cher confrère,",
    f"Zoé HUBERT, {age('p44', '2026-10-21')} ans, née le {dmy('p44')}, vue avec son père Julien HUBERT",
    "pour énurésie nocturne. Examen normal. Conseils hygiéno-diététiques et calendrier mictionnel.",
    "Dr G. MORVAN",
], "p44")

# L39 null: sibling not in roster, father p45 mentioned
add("hospital", [
    "CHU de Rennes — Urgences pédiatriques",
    "Le 14/11/2026",
    "Compte rendu de passage aux urgences",
    "Enfant : HUBERT Emma, née le 02/05/2021",
    "Responsable légal : M. HUBERT Julien (père)",
    "Motif : traumatisme crânien sans perte de connaissance. Surveillance 6 h. Retour à domicile.",
    "Médecin traitant : Dr BERTRAND",
    "Dr Romain LE BIHAN, pédiatre",
], None)

# L40 p46 no NIR in roster
add("hospital", [
    "Clinique de la Sagesse — Chirurgie viscérale",
    "Rennes, le 16 octobre 2026",
    "Compte rendu d'hospitalisation",
    f"concernant M. MERCIER Gérard, né le {dmy('p46')},",
    "opéré le 12/10/2026 d'une hernie inguinale droite par cœlioscopie.",
    "Dr Hugues DELAMARE",
], "p46")

# L41 p48 child, mother p49 mentioned
add("specialist", [
    "Dr Sophie LE NAOUR — Pédiatre allergologue",
    "Le 6 novembre 2026",
    "Chère consœur,",
    f"Louis FAURE, né le {dmy('p48')}, vu avec sa maman Mme Louise FAURE.",
    "Allergie à l'arachide confirmée (IgE spécifiques Ara h 2 positives).",
    "Trousse d'urgence avec adrénaline auto-injectable prescrite. PAI à rédiger.",
    "Dr S. LE NAOUR",
], "p48")

# L42 p50 used name = birth name of p51, birth name without accent
add("radiology", [
    "IMAGERIE MÉDICALE DE L'ALMA",
    "Mme CHEVALIER Isabelle née ANDRE",
    f"DDN : {dmy('p50')}",
    "Mammographie de dépistage organisé du 24/10/2026",
    "ACR 1 bilatéral. Deuxième lecture à prévoir.",
    "Dr Claire TANGUY",
], "p50")

# L43 p51 lab
add("lab", [
    "CERBALLIANCE BRETAGNE — Rennes Sud",
    "CHEVALIER Isabelle",
    f"Né(e) le {dmy('p51')}",
    "Frottis cervico-utérin / test HPV : HPV à haut risque non détecté.",
    "Prescripteur : Dr BERTRAND",
], "p51")

# L44 p53 pharmacy, 2-digit year, no accent (p52 Kévin one year apart)
add("pharmacy", [
    "PHARMACIE DES GAYEULLES — FAX",
    "À l'attention du Dr BERTRAND",
    "Le 30/10/2026",
    f"Patient : ROUSSEAU Kevin (DDN {dmy('p53', '.', yy=True)})",
    "Rupture de stock Ritaline LP 20 mg : pouvez-vous prescrire 2 x 10 mg ?",
    "Merci, Mme Claire ÉTIENNE, préparatrice",
], "p53")

# L45 p58 NIR-only (twins LE BRIS, same birth date), OCR-broken NIR
n = nir15("p58")
add("admin", [
    "Assurance Maladie — Service médical",
    "Rennes, le 22/11/2026",
    "Mme LE BRIS",
    f"NIR {n[:7]} {n[7:13]} / {n[13:]}",
    "Objet : convocation — contrôle d'arrêt de travail",
    "Vous êtes convoquée le 04/12/2026 à 9 h 30 au service médical.",
    "Le médecin conseil",
], "p58")

# L46 p62 widow used name LEMAIRE, born PERRIN (p63 Yvette LEMAIRE)
add("other", [
    "EHPAD Les Jardins de la Vilaine",
    "Le 2 octobre 2026",
    "Objet : admission",
    f"Docteur, nous vous informons de l'admission de Mme LEMAIRE Yvette, née PERRIN",
    f"le {dmy('p62')}, dans notre établissement à compter du 01/10/2026.",
    "Référente : Mme Catherine LEMAIRE (fille).",
    "Le médecin coordonnateur, Dr Pierre HENRY",
], "p62")

# L47 p63 hospital, long date
add("hospital", [
    "CH de Vitré — Médecine polyvalente",
    "Le 25 novembre 2026",
    "Compte rendu d'hospitalisation",
    f"concernant Mme LEMAIRE Yvette, née le {dlong('p63')}",
    "Pneumopathie franche lobaire aiguë droite. Amoxicilline 7 jours. Évolution favorable.",
    "Dr Bertrand MOUNIER",
], "p63")

# L48 p64 child, no NIR, age and date, mother p65
add("specialist", [
    "Centre de rééducation pédiatrique — Dr Laure GICQUEL",
    "Le 13/11/2026",
    "Cher confrère,",
    f"Théo BARBIER ({age('p64', '2026-11-13')} ans, né le {dmy('p64')}) est suivi pour dyspraxie.",
    "Sa mère, Mme Laura BARBIER, souhaite un bilan orthophonique complémentaire.",
    "Dr L. GICQUEL",
], "p64")

# L49 p67 lab (p66 Christophe same birth year, swapped day/month)
add("lab", [
    "LABORATOIRE BIO-OUEST — Site Rennes Colombier",
    "ARNAUD Christine",
    f"DDN : {dmy('p67', '.')}",
    "Prélevé le 09/11/2026",
    "TSH ..... 6,8 mUI/L   T4L ..... 11 pmol/L",
    "Prescripteur : Dr BERTRAND",
], "p67")

# L50 p70 (p69 Denis COLIN, day/month swapped)
add("specialist", [
    "Dr Marion LE CORRE — Gynécologue",
    "Le 19 octobre 2026",
    "Chère consœur,",
    f"J'ai vu Mme Denise COLIN, née le {dmy('p70')}, pour métrorragies post-ménopausiques.",
    "Échographie : endomètre 9 mm. Hystéroscopie diagnostique programmée.",
    "Dr M. LE CORRE",
], "p70")

# L51 p72 married name, husband p71 mentioned
add("hospital", [
    "CHU de Rennes — Gériatrie",
    "Le 10 novembre 2026",
    "Compte rendu d'hospitalisation",
    f"concernant Mme MARCHAND Jacqueline née DUVAL le {dmy('p72')}",
    "Décompensation cardiaque globale. Retour à domicile avec son époux M. Alain MARCHAND.",
    "Passage IDE quotidien.",
    "Dr Anne DUVAL, gériatre",
], "p72")

# L52 p75 (p76 GAUTHIER Maxime)
add("radiology", [
    "CENTRE D'IMAGERIE MÉDICALE DE CESSON",
    "GAUTIER Maxime",
    f"né le {dmy('p75')}",
    "IRM du genou gauche (02/11/2026)",
    "Rupture complète du LCA. Contusion osseuse du condyle latéral.",
    "Dr Thomas PETIT",
], "p75")

# L53 p79 used name LEROY, birth name DA SILVA (p78 Pascal LEROY)
add("admin", [
    "MUTUELLE MALAKOFF HUMANIS",
    "Le 27/11/2026",
    "Madame LEROY Ana Paula",
    f"née DA SILVA le {dmy('p79')}",
    "Conjoint : M. LEROY Pascal",
    "Objet : devis optique — accord de prise en charge",
    "Service Prestations",
], "p79")

# L54 null: unknown person sharing p04's birth date
add("specialist", [
    "Dr Philippe LAMBERT — Cardiologue",
    "Le 16 novembre 2026",
    "Cher confrère,",
    "J'ai vu M. Jean DUPUIS, né le 14/02/1990, pour palpitations.",
    "Holter ECG sans anomalie.",
    "Dr P. LAMBERT",
], None)

# L55 null: Marie MARTIN namesake, different birth date
add("hospital", [
    "Centre Hospitalier de Saint-Malo",
    "Saint-Malo, le 29 octobre 2026",
    "Compte rendu d'hospitalisation",
    "concernant Mme MARTIN Marie, née le 22/10/1947 (79 ans)",
    "Fracture du col fémoral gauche, prothèse intermédiaire.",
    "Médecin traitant : Dr Hervé LE FUR (Saint-Malo). Copie Dr BERTRAND.",
    "Dr Jean-Luc FERRAND",
], None)

# L56 null: valid NIR not in roster
add("admin", [
    "Assurance Maladie — CPAM d'Ille-et-Vilaine",
    "Le 18/11/2026",
    "M. ROBERT Alain",
    "N° SS : " + valid_nir("1570535238412"),
    "Objet : médecin traitant — déclaration enregistrée",
    "Le Dr BERTRAND a été enregistré comme votre médecin traitant à compter du 15/11/2026.",
], None)

# L57 null: twin namesake, different birth date
add("lab", [
    "LABORATOIRE BIOGROUP — RENNES NORD",
    "BERNARD Lucas",
    "Date de naissance : 02/03/2004",
    "Sérologie VIH : négative",
    "Prescripteur : Centre de santé sexuelle — Dr Marie KERMARREC",
], None)

# L58 null: unknown person, age only
add("specialist", [
    "Dr Julie HERVÉ — Gastro-entérologue",
    "Le 5 octobre 2026",
    "Chère consœur,",
    "J'ai vu Mme Sophie LEGRAND, 45 ans, pour reflux gastro-œsophagien.",
    "Fibroscopie : œsophagite grade A. IPP 8 semaines.",
    "Dr J. HERVÉ",
], None)

# L59 p55 NIR-only (Stéphane / Stéphanie MULLER, initial S.)
add("admin", [
    "MUTUELLE HARMONIE OUEST",
    "Le 20/10/2026",
    "Adhérent : MULLER S.",
    "N° de sécurité sociale : " + nsp("p55"),
    "Objet : remboursement de la consultation du 02/10/2026",
    "Montant remboursé : 7,50 €",
], "p55")

# L60 p60 beneficiary child, assured parent p61 NIR as distractor
add("admin", [
    "CPAM d'Ille-et-Vilaine — Service Prestations",
    "Le 3 novembre 2026",
    f"Bénéficiaire des soins : CARON Agathe, née le {dmy('p60')}",
    f"Assuré : CARON Benoît — N° {nsp('p61')}",
    "Objet : complémentaire santé solidaire — accord",
    "Le Service Prestations",
], "p60")

with open("letters.jsonl", "w", encoding="utf-8") as f:
    for l in L:
        f.write(json.dumps(l, ensure_ascii=False) + "\n")
print("letters:", len(L))
