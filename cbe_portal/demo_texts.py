"""The demo's editorial texts for 2020, written for the portal from the facts of the 2020 report."""

TEXTS_2020 = {
    "president": """2020 a été une année à nulle autre pareille. Elle a rendu visible ce que nous défendons depuis
longtemps avec nos partenaires : une économie tournée vers le territoire, ses habitantes et ses
habitants, et les transitions devenues urgentes.

Quand la survie même de nos structures était en jeu, nous avons cherché ensemble des solutions
pour que les services aux personnes continuent. Insertion, circuits alimentaires, éco-habitat,
création d'activités : nos actions se diversifient d'année en année.

Le prochain défi est la participation des habitants, jusque dans la gouvernance de nos projets :
c'est à cette condition que les changements que nous portons dureront.

**Jean-Marc Lespade**, président du CBE du Seignanx""",
    "plie_presentation": """Depuis 1997, le Plan local pour l'insertion et l'emploi du Seignanx accompagne vers l'emploi les
personnes qui en sont le plus éloignées, avec les acteurs locaux de l'emploi, de la formation et
de l'action sociale.

Malgré les confinements, aucun accompagnement ne s'est interrompu en 2020 : le lien maintenu a
compté pour les personnes isolées. Les freins périphériques se sont cumulés (santé, mobilité,
logement, garde d'enfant, précarité financière, fracture numérique) et un nouveau public,
fragilisé par la crise sanitaire, s'est présenté.

- Actions collectives « En forme pour l'emploi » et « Théâtre et coaching »
- Appui au lancement de l'atelier chantier d'insertion de la Ferme solidaire Lacoste
- Formation territoriale sur la prévention des addictions
- Animation du fonds solidaire d'aide au repas""",
    "plie_perspectives": """2021 fait le lien entre deux programmations du Fonds social européen. Au-delà des
accompagnements, un **diagnostic territorial partagé** sur l'emploi et l'insertion préparera les
orientations futures.""",
    "gpect_presentation": """La gestion prévisionnelle des emplois et des compétences territoriale relie l'inclusion et le
développement économique : elle anticipe l'évolution des métiers, fait naître des filières et
rapproche employeurs et structures d'insertion.

En 2020, elle a animé un groupe de travail transversal, appuyé des recrutements, contribué à la
« Faites de l'éco-habitat » et suivi les clauses d'insertion des marchés publics du Seignanx.""",
    "gpect_perspectives": """Deux projets de territoire se poursuivent : **FILOHA**, une filière locale de logement social bas
carbone, et **Matières Communes**, un lieu dédié au réemploi des matériaux de construction.""",
    "circuits_presentation": """Initiée en 2016 avec deux restaurants collectifs, la démarche développe les approvisionnements
locaux et bio de la restauration collective entre le sud des Landes et le Pays basque, en
soutenant une agriculture paysanne et durable.

- Appui aux restaurants pour augmenter leurs achats locaux et bio (moins de 120 km)
- Ateliers d'interconnaissance entre restaurants, légumerie et maraîchers
- Planification annuelle des cultures avec des fermes maraîchères
- Sensibilisation des élèves, notamment pendant la Semaine du goût""",
    "circuits_perspectives": """Les volets participation citoyenne et démarche qualité, freinés par la crise sanitaire, reprennent
en 2021.""",
    "incubateur_presentation": """Créé en 2017 par neuf membres du pôle de coopération, le Tube à ESS'ai accompagne les projets
d'économie sociale et solidaire de l'idée à la mise en activité, sensibilise à l'ESS et fait
émerger des projets sur le Sud Aquitaine.

Rendez-vous individuels, temps collectifs mensuels entre pairs et formations composent un
accompagnement sur mesure, assuré par un collectif de structures membres.""",
    "incubateur_perspectives": """Les premières formations ont été finalisées fin 2020 ; d'autres suivront en 2021, année des quatre
ans de l'incubateur.""",
    "ptce_presentation": """Animé par le CBE, le Pôle territorial de coopération économique Sud Aquitaine réunit des
organisations de l'économie sociale et solidaire, des entreprises, des collectivités et des
chercheurs pour renforcer les capacités d'initiative du territoire.

En 2020, le pôle a accueilli deux nouveaux membres : le supermarché coopératif **Otsokop** et la
**Ferme solidaire Lacoste**.""",
    "ptce_perspectives": """- Créer un outil de finance locale et solidaire
- Étudier la faisabilité du projet Grândola
- Structurer une offre de formation sur l'ESS
- Déployer les entreprises coopératives jeunesse en Sud Aquitaine
- Renforcer les coopérations avec le Béarn""",
    "plie_partenaires": """- PERF pour les actions collectives sur le projet professionnel et la recherche d'emploi
- Les membres des commissions de suivi : Pôle emploi, Cap emploi, la CAF, les services sociaux du
Département des Landes, la Mission locale des Landes, Habitat Jeunes Sud Aquitaine
- Le CCAS de Tarnos, le CIAS du Seignanx et le groupement d'employeurs A Lundi
- Les entreprises d'insertion du territoire : le restaurant solidaire Eole, la Ferme solidaire Lacoste,
Items""",
    "gpect_partenaires": """Employeurs du Seignanx et du bassin de l'Adour, Cap emploi et le GIHP, PERF, A Lundi, les OPCO,
et les acheteurs publics qui inscrivent une clause d'insertion dans leurs marchés.""",
    "circuits_partenaires": """Les restaurants collectifs (SCIC Eole, Cuisine centrale de Tarnos), la légumerie et les maraîchers,
le CPIE Seignanx-Adour, la SCIC Interstices, les collectivités et les écoles pilotes de Tarnos,
Bayonne et Ondres.""",
    "incubateur_partenaires": """Le collectif d'accompagnement réunit neuf structures membres du pôle de coopération, rejointes en 2020
par l'association Solutions Mobilité ; l'URSCOP et l'APESA interviennent dans les temps collectifs.""",
    "ptce_partenaires": """Les organisations de l'ESS membres du pôle, plus de 350 entreprises et branches professionnelles,
des centres de recherche en sciences sociales et les collectivités du territoire.""",
    "partenaires": """Le CBE remercie ses partenaires : l'État, la Région Nouvelle-Aquitaine, le Département des Landes,
la Communauté de communes du Seignanx, le Fonds social européen, Pôle emploi, la Mission locale
des Landes, Cap emploi, la CAF et les membres du pôle de coopération.""",
}
