package corpus

import "strings"

// German grammatical cases.
const (
	deNom = iota
	deAcc
	deDat
	deGen
)

type deNoun struct {
	sg, pl string
	g      int // 0 masculine, 1 feminine, 2 neuter
	weak   bool
}

func (n deNoun) form(c int, pl bool) string {
	if pl {
		if c == deDat && !strings.HasSuffix(n.pl, "n") && !strings.HasSuffix(n.pl, "s") {
			return n.pl + "n"
		}
		return n.pl
	}
	if n.g == 1 || c == deNom {
		return n.sg
	}
	if n.weak {
		if strings.HasSuffix(n.sg, "e") {
			return n.sg + "n"
		}
		return n.sg + "en"
	}
	if c == deGen {
		switch {
		case strings.HasSuffix(n.sg, "nis"):
			return n.sg + "ses"
		case strings.HasSuffix(n.sg, "s"), strings.HasSuffix(n.sg, "ß"), strings.HasSuffix(n.sg, "x"), strings.HasSuffix(n.sg, "z"):
			return n.sg + "es"
		}
		return n.sg + "s"
	}
	return n.sg
}

type deAdj struct{ pred, stem string }

type deVerb struct {
	inf, pres, presPl, past, pastPl, part string
	sein                                  bool
}

// split separates a finite form from its detached particle.
func split(f string) (fin, particle string) {
	if i := strings.IndexByte(f, ' '); i >= 0 {
		return f[:i], f[i+1:]
	}
	return f, ""
}

// joined returns the verb-final form of a finite verb: "kündigte an" ->
// "ankündigte".
func joined(f string) string {
	fin, p := split(f)
	return p + fin
}

type deOrg struct {
	g    int
	head *deNoun // optional common noun before the name
	name string  // may be empty
	bare bool    // used without article
}

type deVocab struct {
	nounsM, nounsF, nounsN list[deNoun]
	mods                   list[string]
	adjs                   list[deAdj]
	verbs, up, down        list[deVerb]
	report, advs, conns    list[string]
	subords, preps         list[string]
	rolesM, rolesF         []string
	male, female           []string
	surH, surT             []string
	placeH, placeT         []string
	companies, countries   []string
	agencies, types        []deNoun
	legal, wires           []string
}

func deNouns(s string, g int) []deNoun {
	var ns []deNoun
	for _, w := range fields(s) {
		n := deNoun{g: g}
		if i := strings.IndexByte(w, ':'); i >= 0 {
			n.sg, n.pl = w[:i], w[i+1:]
		} else {
			n.sg = w
		}
		if strings.HasSuffix(n.sg, "*") {
			n.sg, n.weak = n.sg[:len(n.sg)-1], true
		}
		ns = append(ns, n)
	}
	return ns
}

func deGenderNouns(s string) []deNoun {
	var ns []deNoun
	for _, w := range fields(s) {
		g := strings.IndexByte("mfn", w[0])
		ns = append(ns, deNoun{sg: w[2:], g: g})
	}
	return ns
}

func deVerbList(s string) []deVerb {
	var vs []deVerb
	for _, w := range fields(s) {
		p := strings.Split(w, "|")
		v := deVerb{inf: p[0], pres: p[1], past: p[2], part: p[3], sein: len(p) > 4}
		_, part := split(v.pres)
		if part != "" {
			v.presPl = v.inf[len(part):] + " " + part
		} else {
			v.presPl = v.inf
		}
		fin, part := split(v.past)
		if strings.HasSuffix(fin, "e") {
			fin += "n"
		} else {
			fin += "en"
		}
		if part != "" {
			fin += " " + part
		}
		v.pastPl = fin
		vs = append(vs, v)
	}
	return vs
}

var deVoc = lazy[deVocab]{mk: func() *deVocab {
	v := &deVocab{}
	v.nounsM = mkList(deNouns(deNounsM, 0), 6)
	v.nounsF = mkList(deNouns(deNounsF, 1), 6)
	v.nounsN = mkList(deNouns(deNounsN, 2), 6)
	v.mods = strList(deModifiers, 6)
	var adjs []deAdj
	for _, w := range fields(deAdjs) {
		if i := strings.IndexByte(w, ':'); i >= 0 {
			adjs = append(adjs, deAdj{w[:i], w[i+1:]})
		} else {
			adjs = append(adjs, deAdj{w, w})
		}
	}
	v.adjs = mkList(adjs, 5)
	v.verbs = mkList(deVerbList(deVerbs), 5)
	v.up = mkList(deVerbList(deUp), 2)
	v.down = mkList(deVerbList(deDown), 2)
	v.report = strList(deReport, 2)
	v.advs = strList(deAdverbs, 4)
	v.conns = strList(deConns, 3)
	v.subords = strList(deSubords, 2)
	v.preps = strList(dePreps, 3)
	v.rolesM, v.rolesF = fields(deRolesM), fields(deRolesF)
	v.male, v.female = fields(deMaleNames), fields(deFemaleNames)
	v.surH, v.surT = fields(deSurHeads), fields(deSurTails)
	v.placeH, v.placeT = fields(dePlaceHeads), fields(dePlaceTails)
	v.companies, v.countries = fields(deCompanyNames), fields(deCountries)
	v.agencies, v.types = deGenderNouns(deAgencies), deGenderNouns(deCompanyTypes)
	v.legal, v.wires = fields(deLegal), fields(deWires)
	return v
}}

var (
	deDefArt = [4][4]string{
		{"der", "die", "das", "die"},
		{"den", "die", "das", "die"},
		{"dem", "der", "dem", "den"},
		{"des", "der", "des", "der"},
	}
	deEinEnd = [4][4]string{
		{"", "e", "", "e"},
		{"en", "e", "", "e"},
		{"em", "er", "em", "en"},
		{"es", "er", "es", "er"},
	}
	deDiesEnd = [4][4]string{
		{"er", "e", "es", "e"},
		{"en", "e", "es", "e"},
		{"em", "er", "em", "en"},
		{"es", "er", "es", "er"},
	}
	deWeakEnd = [4][4]string{
		{"e", "e", "e", "en"},
		{"en", "e", "e", "en"},
		{"en", "en", "en", "en"},
		{"en", "en", "en", "en"},
	}
	deMixedEnd = [4][4]string{
		{"er", "e", "es", "en"},
		{"en", "e", "es", "en"},
		{"en", "en", "en", "en"},
		{"en", "en", "en", "en"},
	}
	deStrongEnd = [4][4]string{
		{"er", "e", "es", "e"},
		{"en", "e", "es", "e"},
		{"em", "er", "em", "en"},
		{"en", "er", "en", "er"},
	}
	deMonths = strings.Fields("Januar Februar März April Mai Juni Juli August September Oktober November Dezember")
	deDays   = strings.Fields("Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag")
	deOrd    = strings.Fields("ersten zweiten dritten vierten")
)

// deContract merges a preposition with a following dative article:
// "in dem" -> "im", "zu der" -> "zur".
func deContract(t *text) {
	if t.prev2 < 0 {
		return
	}
	art := t.last()
	var rep string
	switch t.last2() + art {
	case "in dem":
		rep = "im"
	case "an dem":
		rep = "am"
	case "zu dem":
		rep = "zum"
	case "zu der":
		rep = "zur"
	case "von dem":
		rep = "vom"
	case "bei dem":
		rep = "beim"
	default:
		return
	}
	t.b = append(t.b[:t.prev2], rep...)
	t.prev, t.prev2 = t.prev2, -1
}

type dePerson struct {
	first, last, role string
	fem               bool
}

type deGrammar struct {
	r       *Rand
	v       *deVocab
	people  [3]dePerson
	orgs    [3]deOrg
	city    string
	country string
	scratch text
}

func newDeGrammar(r *Rand) grammar {
	g := &deGrammar{r: r, v: deVoc.get()}
	g.scratch.lang = German
	return g
}

func (g *deGrammar) company() deOrg {
	r, v := g.r, g.v
	name := oneOf(r, v.companies)
	switch r.IntN(3) {
	case 0:
		return deOrg{g: 1, name: name + " " + oneOf(r, v.legal)}
	case 1:
		t := &v.types[r.IntN(len(v.types))]
		return deOrg{g: t.g, head: t, name: name}
	}
	return deOrg{name: name, bare: true, g: 2}
}

func (g *deGrammar) agency() deOrg {
	a := &g.v.agencies[g.r.IntN(len(g.v.agencies))]
	return deOrg{g: a.g, head: a}
}

func (g *deGrammar) org() deOrg {
	if g.orgs[0].name == "" || g.r.chance(25) {
		if g.r.chance(70) {
			return g.company()
		}
		return g.agency()
	}
	return oneOf(g.r, g.orgs[:])
}

// orgNP appends an organisation in case c.
func (g *deGrammar) orgNP(t *text, o deOrg, c int) {
	if o.bare {
		if c == deGen {
			t.word("von")
		}
		t.words(o.name)
		return
	}
	t.word(deDefArt[c][o.g])
	deContract(t)
	if o.head != nil {
		t.word(o.head.form(c, false))
	}
	t.words(o.name)
}

func (g *deGrammar) place() string {
	return oneOf(g.r, g.v.placeH) + strings.ToLower(oneOf(g.r, g.v.placeT))
}

func (g *deGrammar) newPerson() dePerson {
	r, v := g.r, g.v
	p := dePerson{fem: r.chance(50), last: oneOf(r, v.surH) + oneOf(r, v.surT)}
	roles := v.rolesM
	if p.fem {
		p.first = oneOf(r, v.female)
		roles = v.rolesF
	} else {
		p.first = oneOf(r, v.male)
	}
	s := &g.scratch
	s.reset()
	switch k := r.IntN(10); {
	case k == 0:
		if p.fem {
			s.word("Bürgermeisterin")
		} else {
			s.word("Bürgermeister")
		}
		s.word("von")
		s.word(g.city)
	case k < 7:
		s.word(oneOf(r, roles))
		g.orgNP(s, g.org(), deGen)
	default:
		s.word(oneOf(r, roles))
		s.word("bei")
		g.orgNP(s, g.org(), deDat)
	}
	p.role = string(s.b)
	return p
}

func (g *deGrammar) reset() {
	g.country = oneOf(g.r, g.v.countries)
	g.city = g.place()
	g.orgs[0] = g.company()
	g.orgs[1] = g.company()
	g.orgs[2] = g.agency()
	for i := range g.people {
		g.people[i] = g.newPerson()
	}
}

func (g *deGrammar) person() dePerson {
	if g.r.chance(20) {
		return g.newPerson()
	}
	return oneOf(g.r, g.people[:])
}

// noun draws a noun, sometimes as a compound; with needPl it has a plural.
func (g *deGrammar) noun(needPl bool) deNoun {
	r, v := g.r, g.v
	var n deNoun
	for range 8 {
		switch k := r.IntN(100); {
		case k < 40:
			n = v.nounsM.pick(r)
		case k < 75:
			n = v.nounsF.pick(r)
		default:
			n = v.nounsN.pick(r)
		}
		if !needPl || n.pl != "" {
			break
		}
	}
	if needPl && n.pl == "" {
		n = deNoun{sg: "Maßnahme", pl: "Maßnahmen", g: 1}
	}
	if r.chance(22) {
		m := v.mods.pick(r)
		low := func(s string) string {
			if strings.HasSuffix(m, "-") || s == "" {
				return s
			}
			return strings.ToLower(s[:1]) + s[1:]
		}
		if !strings.HasSuffix(m, "-") {
			// Lower-case the (possibly non-ASCII) initial of the head.
			low = func(s string) string {
				if s == "" {
					return s
				}
				for i := range s {
					if i > 0 {
						return strings.ToLower(s[:i]) + s[i:]
					}
				}
				return strings.ToLower(s)
			}
		}
		n.sg = m + low(n.sg)
		if n.pl != "" {
			n.pl = m + low(n.pl)
		}
	}
	return n
}

// np appends a noun phrase in case c. plural is -1 (either), 0 or 1. It
// returns whether the phrase is plural.
func (g *deGrammar) np(t *text, c, proper, plural int) bool {
	r, v := g.r, g.v
	if plural != 1 {
		k := r.IntN(100)
		if k < proper {
			g.orgNP(t, g.org(), c)
			return false
		}
		if k < proper*3/2 && c != deGen {
			p := g.person()
			if r.chance(50) {
				t.word(p.first)
			}
			t.word(p.last)
			return false
		}
	}
	pl := plural == 1 || (plural == -1 && r.chance(22))
	n := g.noun(pl)
	col := n.g
	if pl {
		col = 3
	}
	var ends *[4][4]string
	switch d := r.IntN(100); {
	case d < 55 || (n.pl == "" && d < 80):
		t.word(deDefArt[c][col])
		deContract(t)
		ends = &deWeakEnd
	case d < 75:
		if pl {
			ends = &deStrongEnd
		} else {
			t.word("ein" + deEinEnd[c][col])
			ends = &deMixedEnd
		}
	case d < 82:
		t.word("dies" + deDiesEnd[c][col])
		ends = &deWeakEnd
	case d < 93:
		t.word(oneOf(r, []string{"sein", "ihr"}) + deEinEnd[c][col])
		ends = &deMixedEnd
	case d < 96:
		t.word("kein" + deEinEnd[c][col])
		ends = &deMixedEnd
	default:
		if pl {
			t.word(oneOf(r, []string{"viele", "mehrere", "einige", "zahlreiche"}))
			if c == deDat {
				t.b = append(t.b, 'n')
			}
		}
		ends = &deStrongEnd
	}
	if ends == &deStrongEnd && !pl && c == deGen {
		// Avoid the rare strong genitive singular.
		t.word(deDefArt[c][col])
		ends = &deWeakEnd
	}
	if r.chance(35) {
		a := v.adjs.pick(r)
		t.word(a.stem + ends[c][col])
	}
	t.word(n.form(c, pl))
	if c != deGen && r.chance(18) {
		if r.chance(75) {
			g.np(t, deGen, 15, -1)
		} else {
			t.word("von")
			t.word(g.city)
		}
	}
	return pl
}

func (g *deGrammar) pp(t *text) {
	r := g.r
	switch r.IntN(10) {
	case 0:
		t.word("in")
		t.word(g.city)
	case 1:
		t.word(oneOf(r, []string{"in", "aus", "nach"}))
		t.word(g.country)
	default:
		p := g.v.preps.pick(r)
		t.word(p[2:])
		c := deDat
		if p[0] == 'a' {
			c = deAcc
		}
		g.np(t, c, 8, -1)
	}
}

func (g *deGrammar) timeExpr(t *text) {
	r := g.r
	switch r.IntN(11) {
	case 0, 1, 2:
		t.word("am")
		t.word(oneOf(r, deDays))
	case 3:
		t.words(oneOf(r, []string{"in der vergangenen Woche", "im vergangenen Jahr", "im kommenden Jahr", "in diesem Jahr", "am Wochenende", "in dieser Woche", "im laufenden Jahr", "vor einer Woche"}))
	case 4:
		t.word(oneOf(r, []string{"im", "Anfang", "Ende", "Mitte"}))
		t.word(oneOf(r, deMonths))
	case 5:
		t.words(oneOf(r, []string{"im Jahr", "seit", "bis Ende", "bis"}))
		t.word(itoa(year(r)))
	case 6:
		t.words("im " + oneOf(r, deOrd) + " Quartal")
	case 7:
		t.words("zum ersten Mal seit")
		t.word(itoa(year(r)))
	case 8:
		t.words(oneOf(r, []string{"in den kommenden", "in den vergangenen", "innerhalb von"}))
		t.word(oneOf(r, []string{"zwei", "drei", "sechs", "zwölf", "wenigen"}))
		t.word(oneOf(r, []string{"Monaten", "Wochen", "Jahren", "Tagen"}))
	default:
		t.word("am")
		t.word(itoa(1+r.IntN(28)) + ".")
		t.word(oneOf(r, deMonths))
	}
}

func (g *deGrammar) pct(t *text) {
	t.word(decimal(smallTenths(g.r), ","))
	if g.r.chance(75) {
		t.word("Prozent")
	} else {
		t.word("%")
	}
}

func (g *deGrammar) money(t *text) {
	tenths, bn := amount(g.r)
	if tenths == 10 {
		t.word("eine")
		if bn {
			t.word("Milliarde")
		} else {
			t.word("Million")
		}
	} else {
		t.word(decimal(tenths, ","))
		if bn {
			t.word("Milliarden")
		} else {
			t.word("Millionen")
		}
	}
	if g.r.chance(75) {
		t.word("Euro")
	} else {
		t.word("Dollar")
	}
}

// front appends a fronted element for a verb-second clause.
func (g *deGrammar) front(t *text) {
	r := g.r
	switch r.IntN(6) {
	case 0, 1:
		g.timeExpr(t)
	case 2:
		t.words(g.v.conns.pick(r))
	case 3:
		t.words("Nach Angaben")
		g.orgNP(t, g.org(), deGen)
	case 4:
		t.word("Laut")
		g.np(t, deDat, 30, -1)
	default:
		g.pp(t)
	}
}

// verb-complex kinds
const (
	dePast = iota
	dePerfect
	deModal
	dePassive
	deCopula
	dePresent
)

func (g *deGrammar) kind() int {
	switch k := g.r.IntN(100); {
	case k < 40:
		return dePast
	case k < 62:
		return dePerfect
	case k < 76:
		return deModal
	case k < 84:
		return dePassive
	case k < 92:
		return deCopula
	}
	return dePresent
}

// mainClause appends a verb-second clause; with front, an adverbial comes
// first and the subject follows the finite verb.
func (g *deGrammar) mainClause(t *text, front bool) {
	r, v := g.r, g.v
	plural := 0
	if r.chance(25) {
		plural = 1
	}
	pl := plural == 1
	kind := g.kind()
	vb := v.verbs.pick(r)
	num := func(sg, p string) string {
		if pl {
			return p
		}
		return sg
	}
	var fin, end string
	switch kind {
	case dePast:
		fin, end = split(num(vb.past, vb.pastPl))
	case dePresent:
		fin, end = split(num(vb.pres, vb.presPl))
	case dePerfect:
		fin, end = num("hat", "haben"), vb.part
	case deModal:
		fin = oneOf(r, [][2]string{{"will", "wollen"}, {"soll", "sollen"}, {"kann", "können"}, {"muss", "müssen"}, {"dürfte", "dürften"}, {"könnte", "könnten"}, {"wird", "werden"}})[b2i(pl)]
		end = vb.inf
	case dePassive:
		fin, end = num("wurde", "wurden"), vb.part
	case deCopula:
		fin = oneOf(r, [][2]string{{"ist", "sind"}, {"war", "waren"}, {"bleibt", "bleiben"}, {"scheint", "scheinen"}})[b2i(pl)]
	}
	if front {
		g.front(t)
		t.words(fin)
		g.np(t, deNom, 22, plural)
	} else {
		g.np(t, deNom, 22, plural)
		t.words(fin)
		if r.chance(25) {
			g.timeExpr(t)
		}
	}
	if r.chance(12) {
		t.words(v.advs.pick(r))
	}
	switch kind {
	case dePassive:
		if r.chance(50) {
			t.word("von")
			g.np(t, deDat, 25, -1)
		}
		if r.chance(50) {
			g.pp(t)
		}
	case deCopula:
		if r.chance(30) {
			t.word(oneOf(r, []string{"sehr", "weiterhin", "noch", "besonders", "zunehmend", "nicht"}))
		}
		t.word(v.adjs.pick(r).pred)
		if r.chance(40) {
			g.pp(t)
		}
	default:
		g.np(t, deAcc, 12, -1)
		if r.chance(40) {
			g.pp(t)
		}
	}
	t.word(end)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// subClause appends a verb-final clause (after "dass", "weil", ...).
func (g *deGrammar) subClause(t *text) {
	r, v := g.r, g.v
	plural := 0
	if r.chance(25) {
		plural = 1
	}
	pl := plural == 1
	g.np(t, deNom, 22, plural)
	if r.chance(25) {
		g.timeExpr(t)
	}
	vb := v.verbs.pick(r)
	switch k := r.IntN(10); {
	case k < 4:
		g.np(t, deAcc, 12, -1)
		if r.chance(30) {
			g.pp(t)
		}
		if pl {
			t.word(joined(vb.pastPl))
		} else {
			t.word(joined(vb.past))
		}
	case k < 7:
		g.np(t, deAcc, 12, -1)
		t.word(vb.part)
		if pl {
			t.word("haben")
		} else {
			t.word("hat")
		}
	case k < 9:
		g.np(t, deAcc, 12, -1)
		t.word(vb.inf)
		t.word(oneOf(r, [][2]string{{"will", "wollen"}, {"soll", "sollen"}, {"kann", "können"}, {"muss", "müssen"}, {"wird", "werden"}})[b2i(pl)])
	default:
		if r.chance(50) {
			g.pp(t)
		}
		t.word(vb.part)
		if pl {
			t.word("wurden")
		} else {
			t.word("wurde")
		}
	}
}

func (g *deGrammar) sentence(t *text) {
	r := g.r
	switch k := r.IntN(100); {
	case k < 30:
		g.mainClause(t, r.chance(45))
		if r.chance(30) {
			t.punct(",")
			t.word(g.v.subords.pick(r))
			g.subClause(t)
		}
		t.punct(".")
	case k < 44:
		g.reported(t)
	case k < 58:
		g.quote(t)
	case k < 68:
		g.figures(t)
	case k < 74:
		t.word(oneOf(r, []string{"Analysten", "Ökonomen", "Experten", "Beobachter", "Anleger", "Gewerkschaften", "Kritiker"}))
		t.words(oneOf(r, []string{"erwarten", "befürchten", "rechnen mit", "hoffen auf", "fordern"}))
		if l := t.last(); l == "mit" {
			g.np(t, deDat, 10, -1)
		} else {
			g.np(t, deAcc, 10, -1)
		}
		if r.chance(50) {
			g.timeExpr(t)
		}
		t.punct(".")
	case k < 84:
		g.mainClause(t, r.chance(40))
		t.punct(",")
		t.word(oneOf(r, []string{"doch", "und", "aber", "denn"}))
		g.mainClause(t, false)
		t.punct(".")
	case k < 92:
		t.words(oneOf(r, []string{"Wie", "Wie", "Nachdem"}))
		g.subClause(t)
		t.punct(",")
		// Verb-second after a fronted clause: finite verb first.
		pl := r.chance(25)
		vb := g.v.verbs.pick(r)
		var fin, part string
		if pl {
			fin, part = split(vb.pastPl)
		} else {
			fin, part = split(vb.past)
		}
		t.word(fin)
		g.np(t, deNom, 22, b2i(pl))
		g.np(t, deAcc, 12, -1)
		t.word(part)
		t.punct(".")
	default:
		t.word(oneOf(r, []string{"Die", "Diese"}))
		t.word(oneOf(r, []string{"Entscheidung", "Ankündigung", "Maßnahme", "Reform", "Einigung", "Übernahme"}))
		t.word(oneOf(r, []string{"fällt in eine Zeit,", "kommt,", "erfolgt,"}))
		t.word(oneOf(r, []string{"in der", "nachdem", "während"}))
		g.subClause(t)
		t.punct(".")
	}
}

func (g *deGrammar) reported(t *text) {
	r := g.r
	p := g.person()
	if r.chance(60) {
		t.word(p.first)
		t.word(p.last)
	} else {
		g.orgNP(t, g.org(), deNom)
	}
	fin, part := split(g.v.report.pick(r))
	t.word(fin)
	if r.chance(25) {
		g.timeExpr(t)
	}
	t.word(part)
	t.punct(",")
	if r.chance(50) {
		t.word("dass")
		g.subClause(t)
	} else {
		// Indirect speech with the subjunctive.
		pl := r.chance(25)
		g.np(t, deNom, 22, b2i(pl))
		vb := g.v.verbs.pick(r)
		if r.chance(70) {
			if pl {
				t.word("hätten")
			} else {
				t.word("habe")
			}
			g.np(t, deAcc, 12, -1)
			if r.chance(30) {
				g.pp(t)
			}
			t.word(vb.part)
		} else {
			if pl {
				t.word("würden")
			} else {
				t.word("werde")
			}
			g.np(t, deAcc, 12, -1)
			if r.chance(40) {
				g.timeExpr(t)
			}
			t.word(vb.inf)
		}
	}
	t.punct(".")
}

func (g *deGrammar) quoteClause(t *text) {
	r, v := g.r, g.v
	switch r.IntN(7) {
	case 0, 1:
		t.word("wir")
		t.word(oneOf(r, []string{"werden", "müssen", "wollen", "können", "sollten", "dürfen"}))
		if r.chance(15) {
			t.word("nicht")
		}
		g.np(t, deAcc, 8, -1)
		if r.chance(40) {
			g.pp(t)
		}
		t.word(v.verbs.pick(r).inf)
	case 2:
		t.words(oneOf(r, []string{"wir haben", "wir haben bereits", "niemand hat", "wir haben noch nicht"}))
		g.np(t, deAcc, 8, -1)
		t.word(v.verbs.pick(r).part)
	case 3:
		t.words(oneOf(r, []string{"das ist", "das war", "es ist", "das wäre"}))
		n := g.noun(false)
		t.word("ein" + deEinEnd[deNom][n.g])
		t.word(v.adjs.pick(r).stem + deMixedEnd[deNom][n.g])
		t.word(n.sg)
	case 4:
		t.words("es gibt")
		n := g.noun(false)
		t.word("kein" + deEinEnd[deAcc][n.g])
		t.word(n.form(deAcc, false))
		t.word("für")
		g.np(t, deAcc, 8, -1)
	case 5:
		n := g.noun(false)
		t.word(deDefArt[deNom][n.g])
		t.word(n.sg)
		t.word(oneOf(r, []string{"bleibt", "ist", "wirkt", "scheint"}))
		t.word(oneOf(r, []string{"sehr", "weiterhin", "ziemlich", "äußerst"}))
		t.word(v.adjs.pick(r).pred)
	default:
		t.words(oneOf(r, []string{"ich glaube,", "wir gehen davon aus,", "ich bin überzeugt,", "wir wissen,"}))
		t.word("dass")
		g.subClause(t)
	}
}

func (g *deGrammar) quote(t *text) {
	r := g.r
	p := g.person()
	switch r.IntN(5) {
	case 0, 1, 2:
		t.open("„")
		i := len(t.b)
		g.quoteClause(t)
		t.capFirst(i)
		if r.chance(30) {
			t.punct(".")
			i := len(t.b)
			g.quoteClause(t)
			t.capFirst(i)
		}
		t.punct("“,")
		fin, part := split(g.v.report.pick(r))
		t.word(fin)
		t.word(p.first)
		t.word(p.last)
		t.word(part)
		if part == "" && r.chance(70) {
			t.punct(",")
			t.words(p.role)
		}
		t.punct(".")
	case 3:
		t.word(p.first)
		t.word(p.last)
		if r.chance(60) {
			t.punct(",")
			t.words(p.role)
			t.punct(",")
		}
		t.word(oneOf(r, []string{"sagte", "erklärte", "betonte", "warnte", "schrieb"}))
		t.punct(":")
		t.open("„")
		i := len(t.b)
		g.quoteClause(t)
		t.capFirst(i)
		t.punct(".“")
	default:
		t.open("„")
		i := len(t.b)
		g.quoteClause(t)
		t.capFirst(i)
		t.punct("“,")
		t.word(oneOf(r, []string{"sagte", "erklärte", "betonte"}))
		t.word(p.last)
		if r.chance(50) {
			t.word(oneOf(r, []string{"am Rande einer Konferenz", "vor Journalisten", "in einem Interview", "bei einer Pressekonferenz"}))
			if r.chance(40) {
				t.word("in")
				t.word(g.city)
			}
		}
		t.punct(".")
	}
}

// German figure nouns.
var deFigures = deGenderNouns(`m:Umsatz m:Gewinn m:Nettogewinn m:Absatz
m:Überschuss m:Verlust m:Auftragseingang f:Produktion f:Nachfrage
f:Inflationsrate f:Arbeitslosenquote n:Defizit n:Betriebsergebnis
n:Bruttoinlandsprodukt f:Zahl_der_Passagiere m:Ausstoß f:Exportquote`)

func (g *deGrammar) figures(t *text) {
	r := g.r
	if r.chance(20) {
		g.orgNP(t, g.org(), deNom)
		verbs := [][2]string{{"streichen", "zu streichen"}, {"schaffen", "zu schaffen"}, {"abbauen", "abzubauen"}}
		v := oneOf(r, verbs)[0]
		if r.chance(30) {
			t.word("plant")
			t.punct(",")
			v = oneOf(r, verbs)[1]
		} else {
			t.word(oneOf(r, []string{"will", "soll", "könnte", "muss"}))
		}
		if r.chance(50) {
			g.timeExpr(t)
		}
		if r.chance(40) {
			t.words(oneOf(r, []string{"rund", "bis zu", "mehr als", "etwa"}))
		}
		t.word(groupDigits(headcount(r), "."))
		t.word(oneOf(r, []string{"Stellen", "Arbeitsplätze", "Jobs"}))
		t.words(v)
		t.punct(".")
		return
	}
	f := deFigures[r.IntN(len(deFigures))]
	t.word(deDefArt[deNom][f.g])
	t.words(f.sg)
	if r.chance(50) {
		g.orgNP(t, g.org(), deGen)
	}
	var vb deVerb
	if r.chance(55) {
		vb = g.v.up.pick(r)
	} else {
		vb = g.v.down.pick(r)
	}
	perfect := r.chance(30)
	fin, part := split(vb.past)
	if perfect {
		if vb.sein {
			fin = "ist"
		} else {
			fin = "hat"
		}
		part = vb.part
	}
	t.word(fin)
	if r.chance(60) {
		g.timeExpr(t)
	}
	t.word("um")
	if r.chance(30) {
		t.word(oneOf(r, []string{"fast", "rund", "mehr als", "knapp"}))
	}
	g.pct(t)
	if r.chance(50) {
		t.word("auf")
		g.money(t)
	}
	t.words(part)
	if r.chance(45) {
		t.punct(",")
		switch r.IntN(3) {
		case 0:
			t.word("wie")
			g.orgNP(t, g.org(), deNom)
			t.word("mitteilte")
		case 1:
			t.words("teilte")
			g.orgNP(t, g.org(), deNom)
			t.word("mit")
		default:
			t.words(oneOf(r, []string{"der höchste Stand seit", "der tiefste Stand seit", "der stärkste Wert seit"}))
			t.word(itoa(year(r)))
		}
	}
	t.punct(".")
}

func (g *deGrammar) title(t *text, short bool) {
	r, v := g.r, g.v
	pl := false
	switch r.IntN(4) {
	case 0, 1:
		o := g.org()
		switch {
		case o.bare:
			t.words(o.name)
		case o.head != nil:
			t.word(o.head.sg)
			t.words(o.name)
		default:
			t.words(o.name)
		}
	case 2:
		t.word(g.country)
	default:
		n := g.noun(true)
		t.word(n.pl)
		pl = true
	}
	vb := v.verbs.pick(r)
	f := vb.pres
	if pl {
		f = vb.presPl
	}
	fin, part := split(f)
	t.word(fin)
	n := g.noun(false)
	npl := n.pl != "" && r.chance(35)
	col := n.g
	if npl {
		col = 3
	}
	if r.chance(50) {
		t.word(v.adjs.pick(r).stem + deStrongEnd[deAcc][col])
	}
	t.word(n.form(deAcc, npl))
	if !short && r.chance(50) {
		g.pp(t)
	}
	t.word(part)
}

func (g *deGrammar) dateline(t *text) {
	r := g.r
	t.b = append(t.b, strings.ToUpper(g.city)...)
	t.b = append(t.b, ", "...)
	t.b = append(t.b, itoa(1+r.IntN(28))...)
	t.b = append(t.b, ". "...)
	t.b = append(t.b, oneOf(r, deMonths)...)
	t.b = append(t.b, " ("...)
	t.b = append(t.b, oneOf(r, g.v.wires)...)
	t.b = append(t.b, ") -"...)
}
