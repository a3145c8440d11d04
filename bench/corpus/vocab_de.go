package corpus

// German vocabulary: generic news words written for this package. Nouns are
// split by gender and written "Singular:Plural" (no plural: mass noun); a
// trailing "*" marks a weak masculine noun (des Präsidenten). Adjectives are
// written "predicative" or "predicative:stem" when the inflected stem
// differs (hoch:hoh). Verbs are
// "infinitive|present3sg|past3sg|participle" with "|s" appended when the
// perfect uses "sein"; "_" separates a detached particle. Lists are
// ordered roughly from frequent to rare.

const deNounsM = `
Markt:Märkte Preis:Preise Konzern:Konzerne Minister:Minister
Präsident*:Präsidenten Bericht:Berichte Haushalt:Haushalte
Vertrag:Verträge Plan:Pläne Umsatz:Umsätze Gewinn:Gewinne Verlust:Verluste
Export:Exporte Import:Importe Handel Zoll:Zölle Kredit:Kredite
Zins:Zinsen Anleger:Anleger Investor:Investoren Kunde*:Kunden
Verbraucher:Verbraucher Mitarbeiter:Mitarbeiter Arbeitnehmer:Arbeitnehmer
Arbeitgeber:Arbeitgeber Lohn:Löhne Streik:Streiks Betrieb:Betriebe
Standort:Standorte Sektor:Sektoren Bereich:Bereiche
Vorschlag:Vorschläge Beschluss:Beschlüsse Entwurf:Entwürfe
Antrag:Anträge Streit Konflikt:Konflikte Gipfel:Gipfel Besuch:Besuche
Bürgermeister:Bürgermeister Richter:Richter Prozess:Prozesse Fall:Fälle
Vorwurf:Vorwürfe Experte*:Experten Ökonom*:Ökonomen Analyst*:Analysten
Sprecher:Sprecher Chef:Chefs Vorstand:Vorstände Aufsichtsrat Wettbewerb
Konkurrent*:Konkurrenten Partner:Partner Aktionär:Aktionäre
Anteil:Anteile Kurs:Kurse Wert:Werte Rückgang Anstieg Zuwachs Aufschwung
Einbruch Engpass:Engpässe Mangel Überschuss Schaden:Schäden
Unfall:Unfälle Brand:Brände Sturm:Stürme Hafen:Häfen Flughafen:Flughäfen
Bahnhof:Bahnhöfe Verkehr Zug:Züge Flug:Flüge Passagier:Passagiere
Lastwagen:Lastwagen Motor:Motoren Strom Ausbau Bau Tourismus Gast:Gäste
Landwirt:Landwirte Boden Wald:Wälder Fluss:Flüsse See:Seen Ort:Orte
Bezirk:Bezirke Kreis:Kreise Stadtteil:Stadtteile Schüler:Schüler
Lehrer:Lehrer Student*:Studenten Arzt:Ärzte Patient*:Patienten
Impfstoff:Impfstoffe Klimawandel Ausstoß Schutz Zugang
Fortschritt:Fortschritte Erfolg:Erfolge Rückschlag:Rückschläge
Termin:Termine Zeitplan:Zeitpläne Auftrag:Aufträge Absatz Ertrag:Erträge
Beitrag:Beiträge Zuschuss:Zuschüsse Schritt:Schritte
Kompromiss:Kompromisse Dialog Weg:Wege Rahmen Ansatz:Ansätze Wandel
Umbau Abbau Ausblick Höchststand Tiefstand Durchschnitt Rekord:Rekorde
Monat:Monate Tag:Tage Abend:Abende Sommer Winter Herbst Staat:Staaten
Verband:Verbände Verein:Vereine Ausschuss:Ausschüsse Rat Senat Landtag
Wähler:Wähler Kandidat*:Kandidaten Politiker:Politiker
Unternehmer:Unternehmer Hersteller:Hersteller Zulieferer:Zulieferer
Händler:Händler Anbieter:Anbieter Betreiber:Betreiber
Eigentümer:Eigentümer Mieter:Mieter Käufer:Käufer Produzent*:Produzenten
Spieler:Spieler Trainer:Trainer Titel:Titel Film:Filme Autor:Autoren
Künstler:Künstler Prozentpunkt:Prozentpunkte Teil:Teile Grund:Gründe
Einfluss Druck Widerstand Protest:Proteste Einsatz:Einsätze
Angriff:Angriffe Vorfall:Vorfälle Soldat*:Soldaten Polizist*:Polizisten
Bürger:Bürger Einwohner:Einwohner Nachbar*:Nachbarn Beginn Start
Abschluss:Abschlüsse Schlag Zusammenschluss Verzicht Anschluss Spielraum
`

const deNounsF = `
Regierung:Regierungen Wirtschaft Bank:Banken Firma:Firmen
Branche:Branchen Industrie:Industrien Nachfrage Inflation
Arbeitslosigkeit Steuer:Steuern Abgabe:Abgaben Verschuldung
Ausgabe:Ausgaben Einnahme:Einnahmen Rente:Renten Förderung Hilfe:Hilfen
Entscheidung:Entscheidungen Maßnahme:Maßnahmen Reform:Reformen Politik
Wahl:Wahlen Partei:Parteien Koalition:Koalitionen Opposition
Behörde:Behörden Verwaltung Kommission Stadt:Städte Gemeinde:Gemeinden
Region:Regionen Provinz:Provinzen Grenze:Grenzen Küste:Küsten
Straße:Straßen Brücke:Brücken Bahn Strecke:Strecken Leitung:Leitungen
Anlage:Anlagen Fabrik:Fabriken Produktion Fertigung Lieferung:Lieferungen
Lieferkette:Lieferketten Energie Versorgung Technologie:Technologien
Software Plattform:Plattformen Anwendung:Anwendungen Batterie:Batterien
Forschung Studie:Studien Umfrage:Umfragen Schule:Schulen
Universität:Universitäten Hochschule:Hochschulen Ausbildung Bildung
Gesundheit Krankheit:Krankheiten Klinik:Kliniken Pflege Impfung:Impfungen
Umwelt Belastung:Belastungen Emission:Emissionen Dürre Hitze
Überschwemmung:Überschwemmungen Ernte:Ernten Landwirtschaft
Wohnung:Wohnungen Miete:Mieten Immobilie:Immobilien Baustelle:Baustellen
Bevölkerung Familie:Familien Gesellschaft:Gesellschaften
Gewerkschaft:Gewerkschaften Belegschaft Stelle:Stellen Arbeit
Beschäftigung Kündigung:Kündigungen Verhandlung:Verhandlungen Einigung
Vereinbarung:Vereinbarungen Übernahme:Übernahmen Fusion:Fusionen
Beteiligung:Beteiligungen Aktie:Aktien Anleihe:Anleihen Börse
Währung:Währungen Prognose:Prognosen Schätzung:Schätzungen
Erwartung:Erwartungen Entwicklung:Entwicklungen Lage Situation
Krise:Krisen Rezession Erholung Stabilität Sicherheit Polizei Armee
Verteidigung Justiz Klage:Klagen Anklage Ermittlung:Ermittlungen
Untersuchung:Untersuchungen Strafe:Strafen Sanktion:Sanktionen
Genehmigung:Genehmigungen Frist:Fristen Verzögerung:Verzögerungen
Kritik Debatte:Debatten Diskussion:Diskussionen Sitzung:Sitzungen
Konferenz:Konferenzen Rede:Reden Erklärung:Erklärungen Mitteilung
Woche:Wochen Zeit Phase:Phasen Saison Mannschaft:Mannschaften
Ausstellung:Ausstellungen Kultur Zeitung:Zeitungen Öffentlichkeit
Mehrheit Minderheit Sorge:Sorgen Gefahr:Gefahren
Herausforderung:Herausforderungen Chance:Chancen Folge:Folgen Wirkung
Veränderung:Veränderungen Erhöhung Senkung Kürzung:Kürzungen
Zahl:Zahlen Quote:Quoten Rate:Raten Marge:Margen Rendite Dividende
Bilanz:Bilanzen Summe:Summen Höhe Menge Qualität Effizienz Transparenz
Korruption Affäre:Affären Strategie:Strategien Richtung Grundlage
Voraussetzung:Voraussetzungen Absicht Forderung:Forderungen
Warnung:Warnungen Zusage:Zusagen Priorität:Prioritäten Rolle Position
Aufgabe:Aufgaben Verantwortung Zukunft Vergangenheit Spitze Führung
Gruppe:Gruppen Flotte Fluggesellschaft:Fluggesellschaften
Reederei:Reedereien Versicherung:Versicherungen Mauer Größe Straßenbahn
`

const deNounsN = `
Unternehmen:Unternehmen Land:Länder Jahr:Jahre Ministerium:Ministerien
Gesetz:Gesetze Projekt:Projekte Programm:Programme Wachstum Geld Kapital
Vermögen Budget:Budgets Defizit:Defizite Ergebnis:Ergebnisse Ziel:Ziele
Problem:Probleme Risiko:Risiken Angebot:Angebote Produkt:Produkte
Werk:Werke Netz:Netze System:Systeme Gerät:Geräte Fahrzeug:Fahrzeuge
Auto:Autos Flugzeug:Flugzeuge Schiff:Schiffe Gebäude:Gebäude Haus:Häuser
Krankenhaus:Krankenhäuser Gericht:Gerichte Urteil:Urteile
Verfahren:Verfahren Parlament:Parlamente Amt:Ämter Treffen:Treffen
Gespräch:Gespräche Abkommen:Abkommen Interview:Interviews
Quartal:Quartale Halbjahr Jahrzehnt:Jahrzehnte Wochenende Niveau Volumen
Wetter Klima Wasser Feuer Erdbeben Hochwasser Gas Öl Benzin
Material:Materialien Personal Team:Teams Spiel:Spiele Stadion Museum
Festival Konzert:Konzerte Buch:Bücher Dorf:Dörfer Viertel Gebiet:Gebiete
Zentrum:Zentren Kind:Kinder Mitglied:Mitglieder Gremium Management
Vertrauen Interesse:Interessen Thema:Themen Ende Verbot:Verbote
Paket:Pakete Konzept:Konzepte Modell:Modelle Verhältnis Recht:Rechte
Bündnis:Bündnisse Instrument:Instrumente Dokument:Dokumente
Papier:Papiere Signal:Signale Zeichen Konto:Konten Gutachten
`

// Compound modifiers, already carrying their linking element.
const deModifiers = `Wirtschafts Energie Arbeits Haushalts Regierungs
Verkehrs Gesundheits Bildungs Umwelt Klima Steuer Finanz Handels Zins
Wohnungs Bau Strom Gas Öl Industrie Export Import Markt Preis Kredit
Daten Sicherheits Verteidigungs Agrar Forschungs Investitions
Unternehmens Bundes Landes Stadt Hafen Bahn Flug Auto Batterie
Wasserstoff Solar Wind Kohle Digital Online- E- Rekord Krisen Spar
Förder Groß Kern Miet Lebensmittel Kunden Personal Wachstums`

const deAdjs = `
neu groß klein hoch:hoh niedrig stark schwach wichtig deutlich erheblich
leicht kräftig stabil unsicher wirtschaftlich politisch sozial
öffentlich staatlich privat national regional international global
europäisch lokal kommunal finanziell steuerlich industriell digital
technisch rechtlich militärisch medizinisch ökologisch
landwirtschaftlich ländlich städtisch nördlich südlich östlich westlich
zentral aktuell bisherig früher künftig laufend kommend vergangen
jährlich monatlich täglich langfristig kurzfristig mittelfristig
ausländisch heimisch zusätzlich weiter umstritten geplant erwartet
unerwartet überraschend massiv drastisch moderat spürbar ehrgeizig
vorsichtig optimistisch skeptisch kritisch wesentlich notwendig möglich
wahrscheinlich direkt gemeinsam verschieden ähnlich speziell allgemein
üblich selten ernst schwer gering vorübergehend dauerhaft nachhaltig
erneuerbar grün sauber günstig teuer:teur bezahlbar profitabel:profitabl
wettbewerbsfähig effizient transparent fair grenzüberschreitend
bundesweit landesweit weltweit zuständig betroffen beteiligt
verantwortlich schnell langsam knapp gesamt dringend enorm
`

const deVerbs = `
erhöhen|erhöht|erhöhte|erhöht senken|senkt|senkte|gesenkt
ankündigen|kündigt_an|kündigte_an|angekündigt
vorstellen|stellt_vor|stellte_vor|vorgestellt
beschließen|beschließt|beschloss|beschlossen
verabschieden|verabschiedet|verabschiedete|verabschiedet
genehmigen|genehmigt|genehmigte|genehmigt
ablehnen|lehnt_ab|lehnte_ab|abgelehnt
unterzeichnen|unterzeichnet|unterzeichnete|unterzeichnet
verlängern|verlängert|verlängerte|verlängert kürzen|kürzt|kürzte|gekürzt
streichen|streicht|strich|gestrichen
unterstützen|unterstützt|unterstützte|unterstützt
kritisieren|kritisiert|kritisierte|kritisiert
begrüßen|begrüßt|begrüßte|begrüßt vorlegen|legt_vor|legte_vor|vorgelegt
prüfen|prüft|prüfte|geprüft verschieben|verschiebt|verschob|verschoben
aussetzen|setzt_aus|setzte_aus|ausgesetzt stoppen|stoppt|stoppte|gestoppt
abschließen|schließt_ab|schloss_ab|abgeschlossen
übernehmen|übernimmt|übernahm|übernommen
verkaufen|verkauft|verkaufte|verkauft kaufen|kauft|kaufte|gekauft
bauen|baut|baute|gebaut eröffnen|eröffnet|eröffnete|eröffnet
schließen|schließt|schloss|geschlossen gewinnen|gewinnt|gewann|gewonnen
verlieren|verliert|verlor|verloren erreichen|erreicht|erreichte|erreicht
erhalten|erhält|erhielt|erhalten
finanzieren|finanziert|finanzierte|finanziert
einstellen|stellt_ein|stellte_ein|eingestellt
ersetzen|ersetzt|ersetzte|ersetzt
modernisieren|modernisiert|modernisierte|modernisiert
umbauen|baut_um|baute_um|umgebaut liefern|liefert|lieferte|geliefert
produzieren|produziert|produzierte|produziert
exportieren|exportiert|exportierte|exportiert
importieren|importiert|importierte|importiert
steuern|steuert|steuerte|gesteuert
kontrollieren|kontrolliert|kontrollierte|kontrolliert
überwachen|überwacht|überwachte|überwacht
untersuchen|untersucht|untersuchte|untersucht
bewerten|bewertet|bewertete|bewertet schätzen|schätzt|schätzte|geschätzt
bestätigen|bestätigt|bestätigte|bestätigt
dementieren|dementiert|dementierte|dementiert
veröffentlichen|veröffentlicht|veröffentlichte|veröffentlicht
einreichen|reicht_ein|reichte_ein|eingereicht
anfechten|ficht_an|focht_an|angefochten verbieten|verbietet|verbot|verboten
blockieren|blockiert|blockierte|blockiert
begrenzen|begrenzt|begrenzte|begrenzt lockern|lockert|lockerte|gelockert
verschärfen|verschärft|verschärfte|verschärft
anpassen|passt_an|passte_an|angepasst
festlegen|legt_fest|legte_fest|festgelegt
sichern|sichert|sicherte|gesichert schützen|schützt|schützte|geschützt
stärken|stärkt|stärkte|gestärkt schwächen|schwächt|schwächte|geschwächt
verbessern|verbessert|verbesserte|verbessert
beeinträchtigen|beeinträchtigt|beeinträchtigte|beeinträchtigt
beschädigen|beschädigt|beschädigte|beschädigt
gefährden|gefährdet|gefährdete|gefährdet
verhindern|verhindert|verhinderte|verhindert
vermeiden|vermeidet|vermied|vermieden lösen|löst|löste|gelöst
verhandeln|verhandelt|verhandelte|verhandelt
diskutieren|diskutiert|diskutierte|diskutiert
umsetzen|setzt_um|setzte_um|umgesetzt fordern|fordert|forderte|gefordert
verlangen|verlangt|verlangte|verlangt erlauben|erlaubt|erlaubte|erlaubt
fördern|fördert|förderte|gefördert
verdoppeln|verdoppelt|verdoppelte|verdoppelt
beschleunigen|beschleunigt|beschleunigte|beschleunigt
einfrieren|friert_ein|fror_ein|eingefroren
vorbereiten|bereitet_vor|bereitete_vor|vorbereitet
organisieren|organisiert|organisierte|organisiert
besuchen|besucht|besuchte|besucht aufheben|hebt_auf|hob_auf|aufgehoben
treffen|trifft|traf|getroffen geben|gibt|gab|gegeben
ausgeben|gibt_aus|gab_aus|ausgegeben zahlen|zahlt|zahlte|gezahlt
zeigen|zeigt|zeigte|gezeigt entdecken|entdeckt|entdeckte|entdeckt
wählen|wählt|wählte|gewählt
beschlagnahmen|beschlagnahmt|beschlagnahmte|beschlagnahmt
festnehmen|nimmt_fest|nahm_fest|festgenommen
anklagen|klagt_an|klagte_an|angeklagt
verurteilen|verurteilt|verurteilte|verurteilt
evakuieren|evakuiert|evakuierte|evakuiert retten|rettet|rettete|gerettet
reparieren|repariert|reparierte|repariert testen|testet|testete|getestet
entwickeln|entwickelt|entwickelte|entwickelt
entwerfen|entwirft|entwarf|entworfen schaffen|schafft|schuf|geschaffen
einführen|führt_ein|führte_ein|eingeführt
installieren|installiert|installierte|installiert
ausbauen|baut_aus|baute_aus|ausgebaut erweitern|erweitert|erweiterte|erweitert
reduzieren|reduziert|reduzierte|reduziert bremsen|bremst|bremste|gebremst
ankurbeln|kurbelt_an|kurbelte_an|angekurbelt vergeben|vergibt|vergab|vergeben
gewähren|gewährt|gewährte|gewährt
garantieren|garantiert|garantierte|garantiert
erneuern|erneuert|erneuerte|erneuert entlasten|entlastet|entlastete|entlastet
belasten|belastet|belastete|belastet leiten|leitet|leitete|geleitet
führen|führt|führte|geführt ernennen|ernennt|ernannte|ernannt
entlassen|entlässt|entließ|entlassen planen|plant|plante|geplant
starten|startet|startete|gestartet beenden|beendet|beendete|beendet
präsentieren|präsentiert|präsentierte|präsentiert
veräußern|veräußert|veräußerte|veräußert
zurückweisen|weist_zurück|wies_zurück|zurückgewiesen
melden|meldet|meldete|gemeldet verzeichnen|verzeichnet|verzeichnete|verzeichnet
erzielen|erzielt|erzielte|erzielt ausweiten|weitet_aus|weitete_aus|ausgeweitet
`

const deUp = `steigen|steigt|stieg|gestiegen|s wachsen|wächst|wuchs|gewachsen|s
zulegen|legt_zu|legte_zu|zugelegt klettern|klettert|kletterte|geklettert|s
anziehen|zieht_an|zog_an|angezogen springen|springt|sprang|gesprungen|s`

const deDown = `sinken|sinkt|sank|gesunken|s fallen|fällt|fiel|gefallen|s
zurückgehen|geht_zurück|ging_zurück|zurückgegangen|s
schrumpfen|schrumpft|schrumpfte|geschrumpft|s
nachgeben|gibt_nach|gab_nach|nachgegeben
einbrechen|bricht_ein|brach_ein|eingebrochen|s`

// Reporting verbs in the past tense; "_" marks a detached particle.
const deReport = `sagte sagte erklärte betonte warnte bestätigte
unterstrich schrieb meinte versicherte teilte_mit kündigte_an räumte_ein
fügte_hinzu hob_hervor`

const deAdverbs = `auch bereits noch nun zudem inzwischen zuletzt erneut
deutlich kräftig leicht spürbar weiterhin vorerst zunächst schließlich
offenbar demnach allerdings jedoch ebenfalls vor_allem bislang kaum rund
etwa fast`

const deConns = `Zudem Allerdings Dennoch Außerdem Gleichzeitig Inzwischen
Darüber_hinaus Demnach Trotzdem Unterdessen Bereits Zuletzt Künftig
Damit Nun`

const deSubords = `weil da nachdem obwohl während wenn sobald bevor seit
falls`

// Prepositions: "d:" governs the dative, "a:" the accusative.
const dePreps = `d:in d:in d:mit d:mit d:nach d:bei d:von d:aus d:seit
d:zu a:für a:für a:gegen a:durch a:ohne d:auf d:unter d:vor d:an
d:gegenüber d:zwischen a:um`

const deRolesM = `Vorstandschef Sprecher Finanzchef Analyst Chefvolkswirt
Geschäftsführer Vorsitzender Gewerkschaftschef Anwalt Staatsanwalt
Berater Stratege Fondsmanager Forscher Direktor`

const deRolesF = `Vorstandschefin Sprecherin Finanzchefin Analystin
Chefvolkswirtin Geschäftsführerin Vorsitzende Gewerkschaftschefin
Anwältin Staatsanwältin Beraterin Strategin Fondsmanagerin Forscherin
Direktorin`

const deMaleNames = `Thomas Michael Andreas Stefan Markus Jürgen Klaus Uwe
Matthias Jörg Sebastian Tobias Florian Lukas Jan Dieter Bernd Ralf Holger
Björn`

const deFemaleNames = `Anna Julia Katrin Sabine Petra Claudia Andrea Susanne
Monika Birgit Jana Lena Miriam Ursula Heike Sandra Doris Jutta Gisela
Bärbel`

const deSurHeads = `Brenn Kessel Hart Ober Wald Stein Roth Lind Feld Hof
Brück Schön Groß Weiß Kling Mohr Fal Eck Bruck Ham`

const deSurTails = `mann er inger bauer meier huber berg hoff ner mayr wald
haus brecht feld reuther`

const dePlaceHeads = `Brenn Alt Neu Ober Unter Wald Stein Rosen Falken
Lichten Hohen Kalten Mühl Eichen Birken Linden Erlen Schwarzen`

const dePlaceTails = `tal berg burg feld hausen heim dorf au bach stadt
bruck hagen ingen rode`

const deCompanyNames = `Norvex Valtron Brandis Altwerk Stahlberg Elbrion
Fernhold Greifwerk Hansetec Isarion Rhenovia Solvag Tessmar Ulmtec
Weserling Zandor Aurion Bertrix Corvato Dannwerk`

const deCountries = `Valdorien Estranien Korvenien Marlesien Ostrevien
Belvarien Tarsien Nordavien`

// Agencies and company types: gender, then a noun with its genitive form
// when it differs from the default rule.
const deAgencies = `n:Wirtschaftsministerium f:Zentralbank n:Statistikamt
f:Kartellbehörde f:Finanzaufsicht n:Verkehrsministerium m:Rechnungshof
f:Netzagentur n:Gesundheitsministerium n:Umweltbundesamt
n:Finanzministerium f:Arbeitsagentur`

const deCompanyTypes = `m:Konzern m:Versorger m:Autobauer m:Chemiekonzern
m:Onlinehändler n:Unternehmen m:Hersteller m:Logistiker n:Geldhaus
m:Maschinenbauer f:Reederei m:Zulieferer`

const deLegal = `AG GmbH SE`

const deWires = `Nordpresse Newswire Kontinentalpresse Atlas-Dienst`
