#!/usr/bin/env python3
"""Generate roster.json (80 fictitious patients) with valid NIR keys.
Deterministic: order numbers come from a fixed seed."""
import json, random

random.seed(20261206)

def nir_key(body13: str) -> int:
    b = body13.replace("2A", "19").replace("2B", "18")
    return 97 - (int(b) % 97)

# key, birthName, usedName, firstNames, birthDate, sex, place(dept+commune 5 chars or 99+country), hasNir, hasIns
P = [
 ("p01","DUPONT","MARTIN","Marie Claire","1985-03-12","F","35238",1,1),
 ("p02","MARTIN",None,"Marie","1962-07-04","F","35238",1,1),
 ("p03","MARTIN",None,"Jean Pierre","1958-11-23","M","29019",1,1),
 ("p04","MARTIN",None,"Jean","1990-02-14","M","35238",1,1),
 ("p05","LE GALL",None,"Yann Erwan","1971-05-30","M","29232",1,1),
 ("p06","LE GALL",None,"Maëlle","2015-09-08","F","35238",1,0),
 ("p07","LEGALL",None,"Yannick","1969-01-17","M","22278",1,1),
 ("p08","DE LA FONTAINE",None,"Hélène Marguerite","1948-12-02","F","75116",1,1),
 ("p09","LAFONTAINE",None,"Hélène","1979-04-21","F","44109",1,1),
 ("p10","NOËL",None,"Jean-Baptiste","1983-12-25","M","35238",1,1),
 ("p11","NOEL",None,"Jean","1955-06-09","M","56260",1,0),
 ("p12","ÇELIK",None,"Mehmet","1976-08-15","M","99208",1,1),
 ("p13","YILMAZ","ÇELIK","Ayşe","1980-03-03","F","99208",1,1),
 ("p14","ÇELIK",None,"Emre","2012-06-19","M","35238",1,0),
 ("p15","BERNARD",None,"Lucas Antoine","1998-10-10","M","35238",1,1),
 ("p16","BERNARD",None,"Hugo Antoine","1998-10-10","M","35238",1,1),
 ("p17","BERNARD",None,"Léa","2001-01-05","F","35238",1,1),
 ("p18","PETIT",None,"Camille","1987-05-17","F","35047",1,1),
 ("p19","PETIT",None,"Chloé","1987-05-17","F","35047",1,1),
 ("p20","DUBOIS",None,"Françoise","1944-02-28","F","35288",1,1),
 ("p21","DUBOIS",None,"François","1942-09-11","M","35288",1,1),
 ("p22","MOREAU",None,"Thomas","1980-07-07","M","35238",1,1),
 ("p23","MOREAU",None,"Thomas Jacques","1952-03-19","M","49007",1,1),
 ("p24","LEFEBVRE","GIRARD","Nathalie","1975-11-30","F","59350",1,1),
 ("p25","GIRARD",None,"Nathalie","1968-04-04","F","35238",1,1),
 ("p26","GIRARD",None,"Paul","1972-12-12","M","35238",1,0),
 ("p27","ROUX",None,"Émilie","1993-08-01","F","35238",1,1),
 ("p28","ROUX",None,"Emilie Jeanne","1993-01-08","F","22113",1,1),
 ("p29","FOURNIER",None,"Michel","1939-05-05","M","35238",1,0),
 ("p30","FOURNIER",None,"Michèle","1941-10-14","F","35281",1,1),
 ("p31","GUERIN","ROBIN","Sophie","1982-02-19","F","35238",1,1),
 ("p32","LAMBERT",None,"Marc-Antoine","1991-03-27","M","35238",1,1),
 ("p33","LAMBERT",None,"Marc","1963-03-27","M","53130",1,1),
 ("p34","BONNET",None,"Anne-Marie","1957-07-22","F","35238",1,1),
 ("p35","BONNET",None,"Marie-Anne","1960-01-15","F","35238",1,1),
 ("p36","FRANÇOIS",None,"Pierre","1977-09-03","M","35238",1,1),
 ("p37","PIERRE",None,"François","1974-06-30","M","72181",1,1),
 ("p38","N'DIAYE",None,"Fatou","1989-12-01","F","99341",1,1),
 ("p39","NDIAYE",None,"Moussa","1985-04-16","M","99341",1,0),
 ("p40","GARCIA LOPEZ",None,"Carmen","1970-10-20","F","99134",1,1),
 ("p41","D'ALMEIDA",None,"Rui","1966-02-02","M","99139",1,1),
 ("p42","SAINT-JUST",None,"Océane","2003-05-11","F","35238",1,1),
 ("p43","VAN DEN BERG",None,"Pieter Jan","1950-08-08","M","99135",1,1),
 ("p44","HUBERT",None,"Zoé","2019-03-14","F","35238",1,0),
 ("p45","HUBERT",None,"Julien","1988-06-02","M","35238",1,1),
 ("p46","MERCIER",None,"Gérard","1947-01-01","M","35238",0,0),
 ("p47","BLANC",None,"Jeanne Marie","1931-04-09","F","35238",1,1),
 ("p48","FAURE",None,"Louis","2020-11-11","M","35238",1,0),
 ("p49","FAURE",None,"Louise","1986-07-19","F","33063",1,1),
 ("p50","ANDRÉ","CHEVALIER","Isabelle","1972-05-05","F","35238",1,1),
 ("p51","CHEVALIER",None,"Isabelle","1972-05-15","F","35238",1,1),
 ("p52","ROUSSEAU",None,"Kévin","1995-02-20","M","35238",1,1),
 ("p53","ROUSSEAU",None,"Kevin","1996-02-20","M","35238",1,1),
 ("p54","VINCENT",None,"Margaux","1999-09-09","F","35238",1,1),
 ("p55","MULLER",None,"Stéphane","1961-12-21","M","67482",1,1),
 ("p56","MULLER",None,"Stéphanie","1964-06-06","F","67482",1,1),
 ("p57","LE BRIS",None,"Gwenaëlle","1984-10-03","F","29019",1,1),
 ("p58","LE BRIS",None,"Gwénola","1984-10-03","F","29019",1,1),
 ("p59","HENRY",None,"Henri","1945-03-08","M","35238",1,1),
 ("p60","CARON",None,"Agathe","2008-04-30","F","35238",1,1),
 ("p61","CARON",None,"Benoît","1976-12-05","M","35238",1,1),
 ("p62","PERRIN","LEMAIRE","Yvette","1936-11-11","F","35238",1,1),
 ("p63","LEMAIRE",None,"Yvette","1950-11-11","F","35238",1,1),
 ("p64","BARBIER",None,"Théo","2017-01-23","M","35238",0,0),
 ("p65","BARBIER",None,"Laura","1990-08-28","F","35238",1,1),
 ("p66","ARNAUD",None,"Christophe","1973-04-12","M","35238",1,1),
 ("p67","ARNAUD",None,"Christine","1973-12-04","F","35238",1,1),
 ("p68","SCHMITT",None,"Élise","1997-06-25","F","67482",1,1),
 ("p69","COLIN",None,"Denis","1958-10-01","M","35238",1,1),
 ("p70","COLIN",None,"Denise","1958-01-10","F","35238",1,1),
 ("p71","MARCHAND",None,"Alain","1949-07-14","M","35238",1,1),
 ("p72","DUVAL","MARCHAND","Jacqueline","1938-09-30","F","14118",1,1),
 ("p73","ÉTIENNE",None,"Claire","1981-01-31","F","35238",1,1),
 ("p74","ETIENNE",None,"Claude","1954-05-27","M","35238",1,1),
 ("p75","GAUTIER",None,"Maxime","1992-11-16","M","35238",1,1),
 ("p76","GAUTHIER",None,"Maxime","1994-03-02","M","35238",1,1),
 ("p77","OLIVIER",None,"Olivia","2005-12-24","F","35238",1,1),
 ("p78","LEROY",None,"Pascal","1965-08-18","M","35238",0,0),
 ("p79","DA SILVA","LEROY","Ana Paula","1978-02-06","F","99139",1,1),
 ("p80","RENARD",None,"Noémie","2000-07-07","F","35238",1,1),
]
assert len(P) == 80 and len({p[0] for p in P}) == 80

used_orders = set()
roster = []
for key, bn, un, fn, bd, sex, place, has_nir, has_ins in P:
    nir = None
    if has_nir:
        y, m, _ = bd.split("-")
        while True:
            order = f"{random.randint(1, 999):03d}"
            body = ("1" if sex == "M" else "2") + y[2:] + m + place + order
            if body not in used_orders:
                used_orders.add(body)
                break
        nir = f"{body} {nir_key(body):02d}"
    roster.append({
        "key": key, "birthName": bn, "usedName": un, "firstNames": fn,
        "birthDate": bd, "sex": sex, "nir": nir,
        "ins": nir if (nir and has_ins) else None,
    })

with open("roster.json", "w", encoding="utf-8") as f:
    json.dump(roster, f, ensure_ascii=False, indent=1)
    f.write("\n")
print("roster:", len(roster))
