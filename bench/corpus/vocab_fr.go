package corpus

// French vocabulary: generic news words written for this package. Nouns are
// split by gender; "sg:pl" gives an irregular plural. Adjectives give the
// masculine form, or "masculine|feminine" when the feminine is irregular.
// Verbs are infinitives of the first group unless written
// "infinitive:participle:present3sg:present3pl". Lists are ordered roughly
// from frequent to rare.

const frNounsM = `
gouvernement marché pays:pays prix:prix projet groupe ministre président
accord secteur rapport budget taux:taux emploi salaire impôt déficit
chiffre_d'affaires bénéfice investissement investisseur syndicat salarié
consommateur client produit service réseau système contrat plan programme
débat vote parti candidat député maire tribunal juge procès:procès dossier
conseil comité directeur responsable porte-parole:porte-parole analyste
économiste expert chercheur médecin hôpital patient traitement vaccin
médicament climat incendie séisme orage niveau record trimestre semestre
mois:mois jour début sommet dialogue conflit accident incident quartier
village territoire département littoral port aéroport pont chantier
logement loyer bâtiment immeuble terrain tourisme touriste visiteur hôtel
restaurant commerce commerçant magasin supermarché agriculteur éleveur blé
maïs:maïs vin lait carburant pétrole gaz:gaz charbon bureau fonds:fonds
capital crédit prêt euro dollar actionnaire dividende résultat coût effort
objectif enjeu défi risque problème changement développement rythme recul
ralentissement rebond redressement déclin avenir rôle contrôle intérêt
accès:accès progrès:progrès succès:succès échec retard calendrier délai
texte décret règlement amendement recours:recours appel arrêt jugement
verdict témoin avocat procureur policier gendarme soldat transport train
avion véhicule camion navire vol trafic passager voyageur logiciel outil
appareil téléphone écran site robot moteur stade match championnat
entraîneur joueur film festival:festivals musée livre auteur artiste
spectacle électeur scrutin sondage référendum ministère organisme
établissement opérateur fournisseur fabricant constructeur exportateur
acheteur vendeur locataire propriétaire partenaire concurrent rival allié
voisin habitant citoyen enfant élève étudiant enseignant professeur bilan
montant volume indice indicateur seuil plafond tarif versement paiement
remboursement financement soutien dispositif mécanisme cadre scénario
mouvement rassemblement patronat environnement réchauffement fleuve lac
parc sol déchet recyclage carbone hydrogène barrage entrepôt terminal
aménagement tunnel quai week-end siècle secrétaire marché_du_travail
pouvoir_d'achat taux_de_chômage coût_de_la_vie
`

const frNounsF = `
entreprise économie banque croissance inflation hausse baisse politique
réforme loi mesure décision proposition élection campagne région ville
commune province frontière côte zone société industrie usine mine filiale
marque enseigne production exportation importation vente demande offre
dette dépense recette taxe aide subvention prime retraite pension
allocation famille population communauté association fédération
organisation institution autorité agence administration direction
présidence commission assemblée chambre cour justice enquête affaire
plainte condamnation amende sanction peine grève manifestation crise
sécurité police armée défense santé maladie épidémie vaccination
recherche étude université école formation éducation énergie électricité
centrale ressource eau pollution sécheresse inondation tempête chaleur
température récolte agriculture pêche forêt terre route autoroute gare
ligne liaison voiture batterie puce technologie plateforme application
donnée information infrastructure construction rénovation maison location
part action obligation monnaie devise bourse séance valeur fusion
acquisition cession opération stratégie priorité position situation
tendance perspective prévision estimation hypothèse question difficulté
menace pression tension inquiétude confiance incertitude volatilité
reprise relance récession pénurie facture marge rentabilité performance
compétitivité concurrence qualité transparence corruption fraude
négociation discussion rencontre réunion conférence visite déclaration
annonce semaine année journée période saison décennie fin moitié majorité
opposition coalition candidature victoire défaite équipe compétition coupe
finale exposition œuvre chanson culture presse télévision radio chaîne
publicité clientèle main-d'œuvre:main-d'œuvre embauche fermeture ouverture
livraison commande flotte compagnie ambulance clinique pharmacie mairie
préfecture prison ordonnance directive norme règle feuille_de_route
façon leçon conquête fête tête assurance enveloppe
`

const frAdjPost = `
économique politique social public|publique national local régional
international mondial européen financier fiscal budgétaire industriel
commercial agricole rural urbain numérique technologique énergétique
environnemental climatique sanitaire médical militaire judiciaire
juridique administratif officiel important majeur principal faible élevé
bas|basse stable fragile solide durable renouvelable propre vert
cher|chère coûteux rentable compétitif efficace transparent ambitieux
prudent optimiste pessimiste inquiet|inquiète critique essentiel
nécessaire possible probable direct conjoint distinct spécifique général
spécial commun rare sérieux grave mineur temporaire permanent annuel
mensuel trimestriel quotidien privé étranger intérieur extérieur récent
actuel précédent futur exceptionnel historique inédit massif progressif
rapide lent brutal net|nette modeste significatif considérable
supplémentaire complémentaire global total partiel complet|complète
décisif stratégique indépendant côtier portuaire ferroviaire routier
aérien maritime pétrolier bancaire boursier immobilier automobile
alimentaire pharmaceutique chimique touristique culturel sportif scolaire
universitaire hospitalier électrique nucléaire solaire éolien hydraulique
thermique laïque archaïque controversé contesté attendu inattendu prévu
lié concerné sûr|sûre sec|sèche humide chaud froid naïf fiable
`

const frAdjPre = `nouveau|nouvelle grand petit premier deuxième troisième
bon|bonne mauvais|mauvaise jeune long|longue haut gros|grosse véritable
vaste seul fort dernier futur ancien`

const frVerbs = `
annoncer présenter lancer adopter approuver rejeter:rejeté:rejette:rejettent
signer conclure:conclu:conclut:concluent prolonger
réduire:réduit:réduit:réduisent augmenter relever:relevé:relève:relèvent
baisser supprimer créer renforcer soutenir:soutenu:soutient:soutiennent
critiquer dénoncer saluer défendre:défendu:défend:défendent proposer
examiner étudier reporter suspendre:suspendu:suspend:suspendent annuler
relancer achever:achevé:achève:achèvent acquérir:acquis:acquiert:acquièrent
racheter:racheté:rachète:rachètent vendre:vendu:vend:vendent
céder:cédé:cède:cèdent construire:construit:construit:construisent
ouvrir:ouvert:ouvre:ouvrent fermer gagner perdre:perdu:perd:perdent
rencontrer atteindre:atteint:atteint:atteignent
obtenir:obtenu:obtient:obtiennent recevoir:reçu:reçoit:reçoivent financer
recruter embaucher former remplacer moderniser restructurer attirer livrer
produire:produit:produit:produisent exporter importer
fournir:fourni:fournit:fournissent gérer:géré:gère:gèrent contrôler
surveiller inspecter analyser évaluer estimer
prévoir:prévu:prévoit:prévoient confirmer démentir:démenti:dément:démentent
révéler:révélé:révèle:révèlent publier dévoiler déposer contester
interdire:interdit:interdit:interdisent bloquer limiter
assouplir:assoupli:assouplit:assouplissent durcir:durci:durcit:durcissent
ajuster réviser fixer maintenir:maintenu:maintient:maintiennent
protéger:protégé:protège:protègent améliorer affecter endommager menacer
perturber arrêter empêcher éviter traiter résoudre:résolu:résout:résolvent
négocier discuter voter appliquer encourager
promouvoir:promu:promeut:promeuvent doubler geler:gelé:gèle:gèlent préparer
organiser accueillir:accueilli:accueille:accueillent visiter lever
prendre:pris:prend:prennent donner mettre:mis:met:mettent payer dépenser
montrer découvrir:découvert:découvre:découvrent
choisir:choisi:choisit:choisissent saisir:saisi:saisit:saisissent
inculper condamner juger évacuer restaurer rénover
reconstruire:reconstruit:reconstruit:reconstruisent réparer tester
développer concevoir:conçu:conçoit:conçoivent
déployer:déployé:déploie:déploient installer connecter transformer
accélérer:accéléré:accélère:accélèrent freiner réclamer exiger demander
autoriser accorder garantir:garanti:garantit:garantissent assurer
envisager étendre:étendu:étend:étendent élargir:élargi:élargit:élargissent
alléger:allégé:allège:allègent compenser indemniser rembourser emprunter
investir:investi:investit:investissent acheter:acheté:achète:achètent
louer privatiser absorber piloter superviser diriger présider nommer
soumettre:soumis:soumet:soumettent transmettre:transmis:transmet:transmettent
`

// Intransitive verbs of movement (first group, conjugated with avoir).
const frUp = `augmenter progresser grimper bondir:bondi:bondit:bondissent
rebondir:rebondi:rebondit:rebondissent croître:crû:croît:croissent`

const frDown = `reculer baisser chuter diminuer glisser fléchir:fléchi:fléchit:fléchissent
plonger:plongé:plonge:plongent`

// Past participles of reporting verbs (with avoir).
const frReport = `déclaré indiqué affirmé souligné précisé estimé expliqué
ajouté rappelé annoncé assuré reconnu jugé prévenu averti confié noté
relevé observé fait_valoir martelé`

const frAdverbs = `également encore déjà désormais récemment notamment
fortement nettement légèrement progressivement rapidement largement
principalement partiellement pleinement presque environ officiellement
publiquement finalement immédiatement temporairement effectivement
surtout aussi toujours bientôt plutôt très`

const frConns = `Par_ailleurs, Toutefois, Cependant, En_outre, De_plus,
Dans_le_même_temps, Parallèlement, Néanmoins, Pourtant, En_revanche,
Ainsi, D'ailleurs, Selon_les_experts, À_terme, Pour_l'heure,`

const frSubords = `alors_que tandis_que parce_que puisque lorsque bien_que
depuis_que après_que dès_lors_que même_si`

// Prepositions followed by a noun phrase.
const frPreps = `dans dans pour avec sur sous contre entre malgré pendant sans
vers chez après avant depuis face_à auprès_de près_de en_raison_de
à_cause_de grâce_à au_sein_de`

const frRolesM = `directeur_général président porte-parole analyste
économiste responsable_des_ventes chercheur avocat délégué_syndical
secrétaire_général conseiller directeur_financier stratège
gérant_de_portefeuille vice-président`

const frRolesF = `directrice_générale présidente porte-parole analyste
économiste responsable_des_ventes chercheuse avocate déléguée_syndicale
secrétaire_générale conseillère directrice_financière stratège
gérante_de_portefeuille vice-présidente`

const frMaleNames = `Jean Pierre Luc Michel François Julien Thierry Benoît
Mathieu Stéphane Jérôme Frédéric Loïc Raphaël Antoine Olivier Sébastien
Nicolas Yves Bruno Hervé Gérard Rémi Cédric Étienne`

const frFemaleNames = `Marie Sophie Claire Isabelle Nathalie Camille Élodie
Hélène Céline Amélie Chloé Aurélie Émilie Pascale Gaëlle Noémie Valérie
Sandrine Agnès Béatrice Mélanie Léa Inès Margaux Solène`

const frSurHeads = `Bel Mont Val Roche Font Beau Clair Cham Ver Mar Dur Lan
Gar Bour Sau Fer Pel Rou Ber Cor Des Lam Mal Ville`

const frSurTails = `court ville mont lac fort bois champ val lier ras ot ier
ard elle on and eau in et ès`

const frPlaceHeads = `Val Mont Beau Roche Font Clair Bel Châtel Neu Pont-
Saint- Sainte- Ville Mar Haut Bourg`

const frPlaceTails = `breuil ferrand rivage fontaine aurel marin val mont
lieu-sur-Aune roux clair vigne brune castel pierre lune`

const frCompanyNames = `Norvel Valcourt Armelis Brévane Castelor Duronne
Elvia Ferrage Galmont Hélior Icarne Marvane Novéa Orvane Pellerin Quérac
Sévane Ulvane Verlane Ysore Zéphal Aurélys Bréhat Corvin Delmas`

// Organisation types: "m:" or "f:" gender prefix.
const frCompanyTypes = `m:groupe f:société f:banque m:constructeur m:opérateur
m:laboratoire f:compagnie m:assureur m:distributeur m:énergéticien
m:fabricant m:transporteur m:équipementier m:armateur`

const frAgencies = `m:ministère_de_l'Économie m:ministère_des_Transports
m:ministère_de_la_Santé f:Banque_centrale f:Autorité_de_la_concurrence
m:Institut_national_de_la_statistique f:Cour_des_comptes
f:Commission_de_régulation_de_l'énergie m:ministère_de_l'Agriculture
f:Agence_de_l'environnement m:ministère_du_Travail m:Conseil_d'État
f:Autorité_des_marchés_financiers m:ministère_de_l'Intérieur`

const frCountries = `Valdorie Estranie Corvénie Marlésie Ostrévie Belvarie
Tarsie Nordavie Kalmérie Sérévie`

const frWires = `Agence_Veritas Presse_Continentale Dépêche_Atlas Newswire`
