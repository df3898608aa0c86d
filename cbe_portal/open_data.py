"""The open-data contract of DESIGN.md: each programme's published keys, with their kind, the label
pages show and the definition `/donnees/` documents. Pages format every figure from here."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Key:
    name: str
    kind: str  # "count", "share" (a ratio 0–1), "euros", "evolution" (a growth ratio) or "list" (LISTS)
    label: str
    definition: str


KEYS: dict[str, list[Key]] = {
    "plie": [
        Key("personnes_accompagnees", "count", "personnes accompagnées",
            "Personnes dont le parcours était ouvert au moins un jour de l'année."),
        Key("nouveaux_accompagnements", "count", "nouveaux accompagnements",
            "Parcours commencés pendant l'année."),
        Key("part_femmes", "share", "de femmes", "Part des femmes parmi les personnes accompagnées."),
        Key("part_deld", "share", "de demandeurs d'emploi de longue durée",
            "Part des personnes accompagnées inscrites comme demandeuses d'emploi depuis 12 mois ou plus "
            "à leur entrée."),
        Key("part_rsa", "share", "de bénéficiaires du RSA",
            "Part des personnes accompagnées bénéficiaires du RSA à leur entrée."),
        Key("part_50_ans_et_plus", "share", "de 50 ans et plus",
            "Part des personnes accompagnées âgées de 50 ans ou plus au 31 décembre."),
        Key("freins_leves", "count", "freins périphériques levés",
            "Freins périphériques (santé, mobilité, logement…) levés pendant l'année sur les parcours de l'année."),
        Key("sorties", "count", "sorties", "Parcours terminés pendant l'année."),
        Key("sorties_positives", "count", "sorties positives",
            "Sorties vers un emploi durable (6 mois ou plus), une création d'entreprise ou une formation "
            "qualifiante."),
        Key("sorties_administratives", "count", "sorties administratives",
            "Sorties pour déménagement, retraite ou autre motif administratif."),
        Key("taux_sorties_positives_relatif", "share", "de sorties positives (taux relatif)",
            "Sorties positives ÷ toutes les sorties."),
        Key("taux_sorties_positives_absolu", "share", "de sorties positives (taux absolu)",
            "Sorties positives ÷ (toutes les sorties − sorties administratives)."),
        Key("aides_repas", "count", "aides du fonds solidaire d'aide au repas",
            "Aides accordées pendant l'année par le fonds solidaire d'aide au repas."),
        Key("evolution_aides_repas_1_an", "evolution", "de demande au fonds repas en un an",
            "Aides de l'année ÷ aides de l'année précédente − 1."),
        Key("evolution_aides_repas_depuis_2016", "evolution", "de demande au fonds repas depuis 2016",
            "Aides de l'année ÷ aides de 2016 − 1."),
    ],
    "gpect": [
        Key("employeurs_mobilises", "count", "employeurs contactés ou mobilisés",
            "Employeurs avec au moins une action pendant l'année."),
        Key("secteurs", "count", "secteurs d'activité", "Secteurs distincts des employeurs mobilisés."),
        Key("offres_diffusees", "count", "offres d'emploi diffusées", "Offres diffusées pendant l'année."),
        Key("mises_en_relation", "count", "mises en relation", "Mises en relation offre–personne de l'année."),
        Key("visites_entreprises", "count", "visites d'entreprises et ateliers",
            "Visites d'entreprises et ateliers de présentation des zones d'activités."),
        Key("participants_visites_ateliers", "count", "participants aux visites et ateliers",
            "Demandeurs d'emploi ayant participé aux visites et ateliers."),
        Key("marches_clauses", "count", "marchés avec clause d'insertion",
            "Marchés publics dont la clause d'insertion a été suivie pendant l'année."),
        Key("personnes_clauses", "count", "personnes en clause d'insertion",
            "Personnes ayant réalisé des heures d'insertion pendant l'année."),
        Key("heures_insertion", "count", "heures d'insertion réalisées", "Heures d'insertion réalisées."),
        Key("entreprises_clauses", "count", "entreprises concernées",
            "Entreprises où des heures d'insertion ont été réalisées."),
        Key("part_contrats_professionnalisation", "share", "des parcours en contrat de professionnalisation",
            "Personnes en clause d'insertion avec un contrat de professionnalisation ÷ personnes en clause."),
    ],
    "circuits": [
        Key("restaurants", "count", "restaurants collectifs engagés", "Restaurants participant dans l'année."),
        Key("repas_par_jour", "count", "repas par jour", "Somme des repas quotidiens des restaurants."),
        Key("part_local_bio", "share", "d'achats locaux et bio",
            "Montant HT des achats à la fois locaux (120 km ou moins) et bio ÷ tous les achats de l'année."),
        Key("fermes_fournisseurs", "count", "fermes fournisseuses", "Fermes ayant fourni les restaurants."),
        Key("fermes_planification", "count", "fermes en planification de cultures",
            "Fermes maraîchères engagées dans la planification de cultures."),
        Key("ateliers", "count", "ateliers d'interconnaissance", "Ateliers réunissant restaurants et producteurs."),
        Key("enfants_sensibilises", "count", "enfants sensibilisés",
            "Élèves touchés par les actions de sensibilisation."),
    ],
    "incubateur": [
        Key("personnes_accueillies", "count", "personnes rencontrées en premier accueil",
            "Personnes rencontrées lors d'un premier accueil."),
        Key("idees", "count", "idées décryptées", "Idées de projet examinées en premier accueil."),
        Key("comites_orientation", "count", "comités d'orientation", "Comités d'orientation réunis."),
        Key("projets_presentes", "count", "projets présentés", "Projets présentés en comité d'orientation."),
        Key("porteurs_presentes", "count", "porteur·ses de projet reçu·es en comité",
            "Porteurs et porteuses, distincts, des projets présentés en comité d'orientation pendant l'année."),
        Key("nouveaux_projets_incubes", "count", "nouveaux projets incubés", "Projets entrés en incubation."),
        Key("projets_accompagnes", "count", "projets accompagnés",
            "Projets en pré-incubation, incubation ou lancement au moins un jour de l'année."),
        Key("associations_creees", "count", "associations créées", "Associations créées par les projets."),
        Key("emplois_crees", "count", "emplois créés", "Emplois créés par les projets."),
        Key("temps_collectifs", "count", "temps collectifs", "Temps collectifs mensuels entre pairs."),
        Key("formations", "count", "formations", "Formations du Tube à ESS'ai."),
        Key("membres_collectif", "count", "membres du collectif d'accompagnement",
            "Organisations membres du collectif d'accompagnement au 31 décembre."),
    ],
    "ptce": [
        Key("membres", "count", "organisations membres", "Membres du pôle au 31 décembre."),
        Key("nouveaux_membres", "count", "nouveaux membres", "Organisations entrées dans l'année."),
        Key("emplois", "count", "emplois", "Emplois déclarés par les membres."),
        Key("emplois_permanents", "count", "emplois permanents", "Emplois permanents déclarés par les membres."),
        Key("entreprises_partenaires", "count", "entreprises partenaires", "Entreprises partenaires des membres."),
        Key("adherents", "count", "adhérents ou sociétaires", "Adhérents ou sociétaires des membres."),
        Key("partenaires_exterieurs", "count", "partenaires extérieurs", "Partenaires extérieurs du pôle."),
        Key("stagiaires_formes", "count", "stagiaires formés", "Stagiaires formés par les membres."),
        Key("contrats_professionnalisation", "count", "contrats de professionnalisation",
            "Contrats de professionnalisation chez les membres."),
        Key("parcours_insertion", "count", "personnes en parcours d'insertion",
            "Personnes en parcours d'insertion chez les membres."),
        Key("porteurs_projet_accompagnes", "count", "porteurs de projet accompagnés",
            "Porteurs de projet de création d'activité accompagnés."),
        Key("chiffre_affaires", "euros", "de chiffre d'affaires cumulé", "Somme des chiffres d'affaires des membres."),
    ],
}  # fmt: skip

# The records a programme's section lists after its figures, on its page and in the report: keys of
# its `for_year` holding [{"label": name, …}] (optional "status", "theme", "description",
# "organisations": [names]), published in the JSON only. Their `label` heads the list.
LISTS: dict[str, list[Key]] = {
    "plie": [],
    "gpect": [
        Key("projets", "list", "Projets de territoire en cours",
            "Projets de territoire en émergence ou en cours quand les chiffres de l'année sont calculés (publiés : "
            "au jour de la publication), avec leur état, leur présentation et leurs organisations partenaires."),
    ],
    "circuits": [],
    "incubateur": [
        Key("collectif", "list", "Le collectif d'accompagnement",
            "Organisations membres du collectif d'accompagnement au 31 décembre."),
    ],
    "ptce": [
        Key("projets", "list", "Projets en cours ou en développement",
            "Projets menés pendant l'année (commencés au plus tard le 31 décembre, pas finis avant le 1er janvier), "
            "avec leur thématique, leur statut et leur description."),
    ],
}  # fmt: skip

# The three figures the home page shows for each programme, and with which each programme page opens
# (with their change since the previous published year).
HEADLINES = {
    "plie": ["personnes_accompagnees", "nouveaux_accompagnements", "taux_sorties_positives_absolu"],
    "gpect": ["employeurs_mobilises", "heures_insertion", "personnes_clauses"],
    "circuits": ["repas_par_jour", "part_local_bio", "fermes_fournisseurs"],
    "incubateur": ["personnes_accueillies", "projets_accompagnes", "emplois_crees"],
    "ptce": ["membres", "emplois", "chiffre_affaires"],
}


def keys_of(programme: str) -> tuple[str, ...]:
    """A programme's open-data key names, in order: what its `indicators.for_year` must return (with
    its `LISTS`)."""
    return tuple(key.name for key in KEYS[programme])


def scalar_rows(document: dict):
    """(programme, key, value) for every number of an open-data document: the CSV's rows."""
    for programme, figures in document.items():
        if isinstance(figures, dict):
            for key, value in figures.items():
                if value is None or isinstance(value, int | float | str):
                    yield programme, key, value
