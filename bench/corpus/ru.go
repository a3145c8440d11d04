package corpus

import (
	"strings"
	"unicode/utf8"
)

// Russian grammatical cases.
const (
	ruNom = iota
	ruGen
	ruDat
	ruAcc
	ruIns
	ruPrep
)

type ruNoun struct {
	f    [6]string // singular forms by case
	pl   string    // nominative (= inanimate accusative) plural
	g    int       // 0 masculine, 1 feminine, 2 neuter
	anim bool
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func dropLast(s string) string {
	_, n := utf8.DecodeLastRuneInString(s)
	return s[:len(s)-n]
}

func ruVelarOrSibilant(r rune) bool { return strings.ContainsRune("гкхжшщч", r) }

func ruSibilant(r rune) bool { return strings.ContainsRune("жшщчц", r) }

// ruDecline builds the singular case forms and the nominative plural.
func ruDecline(nom, stem, pl string, g int, anim bool) ruNoun {
	n := ruNoun{g: g, anim: anim}
	n.f[ruNom] = nom
	set := func(gen, dat, acc, ins, prep string) {
		n.f[ruGen], n.f[ruDat], n.f[ruAcc], n.f[ruIns], n.f[ruPrep] = gen, dat, acc, ins, prep
	}
	switch {
	case strings.HasSuffix(nom, "мя"):
		s := dropLast(nom) + "ен"
		set(s+"и", s+"и", nom, s+"ем", s+"и")
		n.pl = s + "а"
	case g == 0:
		last := lastRune(nom)
		switch last {
		case 'й', 'ь':
			if stem == "" {
				stem = dropLast(nom)
			}
			prep := stem + "е"
			if strings.HasSuffix(nom, "ий") {
				prep = stem + "и"
			}
			set(stem+"я", stem+"ю", nom, stem+"ем", prep)
			n.pl = stem + "и"
		default:
			if stem == "" {
				stem = nom
			}
			l := lastRune(stem)
			ins := stem + "ом"
			if l == 'ц' {
				ins = stem + "ем"
			}
			set(stem+"а", stem+"у", nom, ins, stem+"е")
			if ruVelarOrSibilant(l) {
				n.pl = stem + "и"
			} else {
				n.pl = stem + "ы"
			}
		}
		if anim {
			n.f[ruAcc] = n.f[ruGen]
		}
	case g == 1:
		s := dropLast(nom)
		switch {
		case strings.HasSuffix(nom, "ия"):
			set(s+"и", s+"и", s+"ю", s+"ей", s+"и")
			n.pl = s + "и"
		case strings.HasSuffix(nom, "я"):
			set(s+"и", s+"е", s+"ю", s+"ей", s+"е")
			n.pl = s + "и"
		case strings.HasSuffix(nom, "ь"):
			set(s+"и", s+"и", nom, nom+"ю", s+"и")
			n.pl = s + "и"
		default: // -а
			l := lastRune(s)
			gen := s + "ы"
			if ruVelarOrSibilant(l) {
				gen = s + "и"
			}
			ins := s + "ой"
			if ruSibilant(l) {
				ins = s + "ей"
			}
			set(gen, s+"е", s+"у", ins, s+"е")
			n.pl = gen
		}
	default:
		s := dropLast(nom)
		switch {
		case strings.HasSuffix(nom, "ие"):
			set(s+"я", s+"ю", nom, s+"ем", s+"и")
			n.pl = s + "я"
		case strings.HasSuffix(nom, "е"):
			set(s+"я", s+"ю", nom, s+"ем", s+"е")
			n.pl = s + "я"
		default: // -о
			set(s+"а", s+"у", nom, s+"ом", s+"е")
			n.pl = s + "а"
		}
	}
	if pl != "" {
		n.pl = pl
	}
	return n
}

// Adjective endings by class, gender column (m, f, n, pl) and case.
var (
	ruAdjHard = [4][6]string{
		{"ый", "ого", "ому", "ый", "ым", "ом"},
		{"ая", "ой", "ой", "ую", "ой", "ой"},
		{"ое", "ого", "ому", "ое", "ым", "ом"},
		{"ые", "ых", "ым", "ые", "ыми", "ых"},
	}
	ruAdjSoft = [4][6]string{
		{"ий", "его", "ему", "ий", "им", "ем"},
		{"яя", "ей", "ей", "юю", "ей", "ей"},
		{"ее", "его", "ему", "ее", "им", "ем"},
		{"ие", "их", "им", "ие", "ими", "их"},
	}
	ruAdjVelar = [4][6]string{
		{"ий", "ого", "ому", "ий", "им", "ом"},
		{"ая", "ой", "ой", "ую", "ой", "ой"},
		{"ое", "ого", "ому", "ое", "им", "ом"},
		{"ие", "их", "им", "ие", "ими", "их"},
	}
	ruAdjSibilant = [4][6]string{
		{"ий", "его", "ему", "ий", "им", "ем"},
		{"ая", "ей", "ей", "ую", "ей", "ей"},
		{"ее", "его", "ему", "ее", "им", "ем"},
		{"ие", "их", "им", "ие", "ими", "их"},
	}
	ruAdjStressed = [4][6]string{
		{"ой", "ого", "ому", "ой", "ым", "ом"},
		{"ая", "ой", "ой", "ую", "ой", "ой"},
		{"ое", "ого", "ому", "ое", "ым", "ом"},
		{"ые", "ых", "ым", "ые", "ыми", "ых"},
	}
	ruAdjStressedV = [4][6]string{
		{"ой", "ого", "ому", "ой", "им", "ом"},
		{"ая", "ой", "ой", "ую", "ой", "ой"},
		{"ое", "ого", "ому", "ое", "им", "ом"},
		{"ие", "их", "им", "ие", "ими", "их"},
	}
	ruThis = [4][6]string{
		{"этот", "этого", "этому", "этот", "этим", "этом"},
		{"эта", "этой", "этой", "эту", "этой", "этой"},
		{"это", "этого", "этому", "это", "этим", "этом"},
		{"эти", "этих", "этим", "эти", "этими", "этих"},
	}
)

type ruAdj struct {
	stem string
	tab  *[4][6]string
}

func newRuAdj(m string) ruAdj {
	stem := dropLast(dropLast(m))
	l := lastRune(stem)
	switch {
	case strings.HasSuffix(m, "ый"):
		return ruAdj{stem, &ruAdjHard}
	case strings.HasSuffix(m, "ой"):
		if ruVelarOrSibilant(l) {
			return ruAdj{stem, &ruAdjStressedV}
		}
		return ruAdj{stem, &ruAdjStressed}
	case strings.ContainsRune("гкх", l):
		return ruAdj{stem, &ruAdjVelar}
	case ruSibilant(l):
		return ruAdj{stem, &ruAdjSibilant}
	}
	return ruAdj{stem, &ruAdjSoft}
}

// form returns the adjective agreeing with a noun of gender g (3 for
// plural) in case c; anim selects the animate masculine accusative.
func (a ruAdj) form(g, c int, anim bool) string {
	if c == ruAcc && anim && (g == 0 || g == 3) {
		c = ruGen
	}
	return a.stem + a.tab[g][c]
}

type ruVerb struct {
	past [4]string // m, f, n, pl
	inf  string
}

func newRuVerb(w string) ruVerb {
	m, inf, _ := strings.Cut(w, ":")
	v := ruVerb{inf: inf}
	refl := strings.HasSuffix(m, "ся")
	base := m
	if refl {
		base = strings.TrimSuffix(m, "ся")
	}
	stem := base
	if !strings.HasSuffix(base, "л") {
		stem = strings.ReplaceAll(base, "ё", "е") + "л"
	} else if strings.HasSuffix(base, "ёл") {
		stem = strings.TrimSuffix(base, "ёл") + "ел"
	}
	for i, e := range []string{"", "а", "о", "и"} {
		f := stem + e
		if i == 0 {
			f = base
		}
		if refl {
			if i == 0 {
				f += "ся"
			} else {
				f += "сь"
			}
		}
		v.past[i] = f
	}
	if v.inf == "" {
		if refl {
			v.inf = strings.TrimSuffix(base, "л") + "ться"
		} else {
			v.inf = strings.TrimSuffix(base, "л") + "ть"
		}
	}
	return v
}

// agree returns the past form for gender g (0-2) or plural.
func (v ruVerb) agree(g int, pl bool) string {
	if pl {
		return v.past[3]
	}
	return v.past[g]
}

type ruOrg struct {
	adj  *ruAdj
	head ruNoun
	tail string // fixed words after the head
	name string // e.g. «Норвел»
}

type ruVocab struct {
	nounsM, nounsF, nounsN list[ruNoun]
	adjs                   list[ruAdj]
	verbs, up, down        list[ruVerb]
	report                 list[ruVerb]
	advs, conns, subords   list[string]
	preps                  list[string]
	roles                  []string
	male, female           []string
	surStems, surTails     []string
	placeH, placeT         []string
	companies, countries   []string
	types                  []ruNoun
	wires                  []string
}

func ruNouns(s string, g int) []ruNoun {
	var ns []ruNoun
	for _, w := range fields(s) {
		anim := strings.HasSuffix(w, "*")
		w = strings.TrimSuffix(w, "*")
		p := strings.Split(w, ":")
		for len(p) < 3 {
			p = append(p, "")
		}
		ns = append(ns, ruDecline(p[0], p[1], p[2], g, anim))
	}
	return ns
}

func ruVerbList(s string) []ruVerb {
	var vs []ruVerb
	for _, w := range fields(s) {
		vs = append(vs, newRuVerb(w))
	}
	return vs
}

var ruVoc = lazy[ruVocab]{mk: func() *ruVocab {
	v := &ruVocab{}
	v.nounsM = mkList(ruNouns(ruNounsM, 0), 6)
	v.nounsF = mkList(ruNouns(ruNounsF, 1), 6)
	v.nounsN = mkList(ruNouns(ruNounsN, 2), 6)
	var adjs []ruAdj
	for _, w := range fields(ruAdjs) {
		adjs = append(adjs, newRuAdj(w))
	}
	v.adjs = mkList(adjs, 5)
	v.verbs = mkList(ruVerbList(ruVerbs), 5)
	v.up = mkList(ruVerbList(ruUp), 2)
	v.down = mkList(ruVerbList(ruDown), 2)
	v.report = mkList(ruVerbList(ruReport), 2)
	v.advs = strList(ruAdverbs, 4)
	v.conns = strList(ruConns, 3)
	v.subords = strList(ruSubords, 2)
	v.preps = strList(ruPreps, 3)
	v.roles = fields(ruRoles)
	v.male, v.female = fields(ruMaleNames), fields(ruFemaleNames)
	v.surStems, v.surTails = fields(ruSurStems), fields(ruSurTails)
	v.placeH, v.placeT = fields(ruPlaceHeads), fields(ruPlaceTails)
	v.companies, v.countries = fields(ruCompanyNames), fields(ruCountries)
	for _, w := range fields(ruCompanyTypes) {
		v.types = append(v.types, ruDecline(w[2:], "", "", strings.IndexByte("mfn", w[0]), false))
	}
	v.wires = fields(ruWires)
	return v
}}

var (
	ruMonthsGen  = strings.Fields("января февраля марта апреля мая июня июля августа сентября октября ноября декабря")
	ruMonthsPrep = strings.Fields("январе феврале марте апреле мае июне июле августе сентябре октябре ноябре декабре")
	ruDaysAcc    = strings.Fields("понедельник вторник среду четверг пятницу субботу воскресенье")
	ruOrdPrep    = strings.Fields("первом втором третьем четвёртом")
	ruAgencyTail = fields(`финансов экономического_развития энергетики
здравоохранения транспорта сельского_хозяйства промышленности_и_торговли
природных_ресурсов труда юстиции`)
)

type ruPerson struct {
	first, last       string
	firstGen, lastGen string
	role              string
	fem               bool
}

type ruGrammar struct {
	r       *Rand
	v       *ruVocab
	people  [3]ruPerson
	orgs    [3]ruOrg
	city    ruNoun
	country ruNoun
	scratch text
}

func newRuGrammar(r *Rand) grammar {
	g := &ruGrammar{r: r, v: ruVoc.get()}
	g.scratch.lang = Russian
	return g
}

func (g *ruGrammar) company() ruOrg {
	r, v := g.r, g.v
	return ruOrg{head: oneOf(r, v.types), name: "«" + oneOf(r, v.companies) + "»"}
}

var ruAgencyAdj = []struct{ adj, noun string }{
	{"центральный", "банк"}, {"антимонопольный", "служба"}, {"налоговый", "служба"},
	{"статистический", "ведомство"}, {"счётный", "палата"}, {"таможенный", "служба"},
}

func (g *ruGrammar) agency() ruOrg {
	r := g.r
	if r.chance(50) {
		a := oneOf(r, ruAgencyAdj)
		adj := newRuAdj(a.adj)
		gnd := 0
		switch a.noun {
		case "служба", "палата":
			gnd = 1
		case "ведомство":
			gnd = 2
		}
		return ruOrg{adj: &adj, head: ruDecline(a.noun, "", "", gnd, false), tail: g.country.f[ruGen]}
	}
	head := oneOf(r, []string{"министерство", "министерство", "ведомство"})
	return ruOrg{head: ruDecline(head, "", "", 2, false), tail: oneOf(r, ruAgencyTail) + " " + g.country.f[ruGen]}
}

func (g *ruGrammar) org() ruOrg {
	if g.orgs[0].name == "" || g.r.chance(25) {
		if g.r.chance(70) {
			return g.company()
		}
		return g.agency()
	}
	return oneOf(g.r, g.orgs[:])
}

// orgNP appends an organisation in case c and returns its gender.
func (g *ruGrammar) orgNP(t *text, o ruOrg, c int) int {
	if o.adj != nil {
		t.word(o.adj.form(o.head.g, c, false))
	}
	t.word(o.head.f[c])
	t.words(o.tail)
	t.words(o.name)
	return o.head.g
}

func ruFirstGen(n string, fem bool) string {
	switch {
	case n == "Павел":
		return "Павла"
	case strings.HasSuffix(n, "ия"), strings.HasSuffix(n, "ья"):
		return dropLast(n) + "и"
	case strings.HasSuffix(n, "я"):
		return dropLast(n) + "и"
	case strings.HasSuffix(n, "а"):
		s := dropLast(n)
		if ruVelarOrSibilant(lastRune(s)) {
			return s + "и"
		}
		return s + "ы"
	case strings.HasSuffix(n, "й"), strings.HasSuffix(n, "ь"):
		return dropLast(n) + "я"
	}
	return n + "а"
}

func (g *ruGrammar) newPerson() ruPerson {
	r, v := g.r, g.v
	p := ruPerson{fem: r.chance(50)}
	stem, tail := oneOf(r, v.surStems), oneOf(r, v.surTails)
	switch {
	case tail == "ский" && p.fem:
		p.last, p.lastGen = stem+"ская", stem+"ской"
	case tail == "ский":
		p.last, p.lastGen = stem+"ский", stem+"ского"
	case p.fem:
		p.last, p.lastGen = stem+tail+"а", stem+tail+"ой"
	default:
		p.last, p.lastGen = stem+tail, stem+tail+"а"
	}
	if p.fem {
		p.first = oneOf(r, v.female)
	} else {
		p.first = oneOf(r, v.male)
	}
	p.firstGen = ruFirstGen(p.first, p.fem)
	s := &g.scratch
	s.reset()
	switch k := r.IntN(10); {
	case k == 0:
		s.word("мэр")
		s.word(g.city.f[ruGen])
	case k == 1:
		s.word("министр")
		s.words(oneOf(r, ruAgencyTail))
		s.word(g.country.f[ruGen])
	default:
		s.words(oneOf(r, v.roles))
		g.orgNP(s, g.org(), ruGen)
	}
	p.role = string(s.b)
	return p
}

func (g *ruGrammar) reset() {
	r, v := g.r, g.v
	g.country = ruDecline(oneOf(r, v.countries), "", "", 1, false)
	g.city = ruDecline(oneOf(r, v.placeH)+oneOf(r, v.placeT), "", "", 0, false)
	g.orgs[0] = g.company()
	g.orgs[1] = g.company()
	g.orgs[2] = g.agency()
	for i := range g.people {
		g.people[i] = g.newPerson()
	}
}

func (g *ruGrammar) person() ruPerson {
	if g.r.chance(20) {
		return g.newPerson()
	}
	return oneOf(g.r, g.people[:])
}

func (g *ruGrammar) noun() ruNoun {
	switch k := g.r.IntN(100); {
	case k < 42:
		return g.v.nounsM.pick(g.r)
	case k < 77:
		return g.v.nounsF.pick(g.r)
	}
	return g.v.nounsN.pick(g.r)
}

// np appends a noun phrase in case c and returns its gender and number.
// Plural is used only in the nominative and inanimate accusative, the
// cases for which the vocabulary has plural forms.
func (g *ruGrammar) np(t *text, c, proper int) (int, bool) {
	r, v := g.r, g.v
	k := r.IntN(100)
	if k < proper {
		return g.orgNP(t, g.org(), c), false
	}
	if k < proper*3/2 && (c == ruNom || c == ruGen) {
		p := g.person()
		if c == ruGen {
			t.word(p.firstGen)
			t.word(p.lastGen)
		} else {
			t.word(p.first)
			t.word(p.last)
		}
		if p.fem {
			return 1, false
		}
		return 0, false
	}
	n := g.noun()
	pl := (c == ruNom || (c == ruAcc && !n.anim)) && r.chance(22)
	col := n.g
	if pl {
		col = 3
	}
	if r.chance(8) {
		t.word(ruThis[col][c])
		if c == ruAcc && n.anim && col == 0 {
			t.b = t.b[:t.prev]
			t.b = append(t.b, ruThis[0][ruGen]...)
		}
	}
	if r.chance(38) {
		t.word(v.adjs.pick(r).form(col, c, n.anim))
	}
	if pl {
		t.word(n.pl)
	} else {
		t.word(n.f[c])
	}
	if r.chance(30) {
		switch k := r.IntN(10); {
		case k < 6:
			m := g.noun()
			if r.chance(35) {
				t.word(v.adjs.pick(r).form(m.g, ruGen, false))
			}
			t.word(m.f[ruGen])
		case k < 8:
			g.orgNP(t, g.org(), ruGen)
		default:
			t.word(g.country.f[ruGen])
		}
	}
	return n.g, pl
}

func (g *ruGrammar) pp(t *text) {
	r := g.r
	switch r.IntN(10) {
	case 0:
		t.word("в")
		t.word(g.city.f[ruPrep])
	case 1:
		t.word(oneOf(r, []string{"в", "из"}))
		if t.last() == "в" {
			t.word(g.country.f[ruPrep])
		} else {
			t.word(g.country.f[ruGen])
		}
	default:
		p := g.v.preps.pick(r)
		t.words(p[2:])
		c := map[byte]int{'g': ruGen, 'd': ruDat, 'i': ruIns, 'p': ruPrep}[p[0]]
		g.np(t, c, 8)
	}
}

func (g *ruGrammar) timeExpr(t *text) {
	r := g.r
	switch r.IntN(11) {
	case 0, 1, 2:
		if d := oneOf(r, ruDaysAcc); d == "вторник" {
			t.words("во вторник")
		} else {
			t.word("в")
			t.word(d)
		}
	case 3:
		t.words(oneOf(r, []string{"на прошлой неделе", "в прошлом году", "в следующем году", "в этом месяце", "на этой неделе", "накануне", "в выходные", "в начале недели", "с начала года", "до конца года"}))
	case 4:
		t.word("в")
		t.word(oneOf(r, ruMonthsPrep))
	case 5:
		t.word(oneOf(r, []string{"в", "к", "с"}))
		switch t.last() {
		case "в":
			t.word(itoa(year(r)))
			t.word("году")
		case "к":
			t.word(itoa(year(r)))
			t.word("году")
		default:
			t.word(itoa(year(r)))
			t.word("года")
		}
	case 6:
		t.word("в")
		t.word(oneOf(r, ruOrdPrep))
		t.word("квартале")
	case 7:
		t.word("впервые")
		t.word("с")
		t.word(itoa(year(r)))
		t.word("года")
	case 8:
		t.words(oneOf(r, []string{"в ближайшие", "за последние"}))
		t.word(oneOf(r, []string{"два", "три", "несколько", "четыре"}))
		t.word(oneOf(r, []string{"месяца", "года", "недели", "дня"}))
		if t.last2() == "несколько " {
			w := map[string]string{"месяца": "месяцев", "года": "лет", "недели": "недель", "дня": "дней"}[t.last()]
			t.b = append(t.b[:t.prev], w...)
		}
	default:
		t.word(itoa(1 + r.IntN(28)))
		t.word(oneOf(r, ruMonthsGen))
	}
}

func (g *ruGrammar) pct(t *text) {
	t.word(decimal(smallTenths(g.r), ",") + "%")
}

func (g *ruGrammar) money(t *text) {
	tenths, bn := amount(g.r)
	t.word(decimal(tenths, ","))
	if bn {
		t.word(oneOf(g.r, []string{"млрд", "млрд", "трлн"}))
	} else {
		t.word("млн")
	}
	t.word(oneOf(g.r, []string{"рублей", "рублей", "рублей", "долларов", "евро"}))
}

var ruModal = [][4]string{
	{"планирует", "планирует", "планирует", "планируют"},
	{"намерен", "намерена", "намерено", "намерены"},
	{"должен", "должна", "должно", "должны"},
	{"может", "может", "может", "могут"},
	{"собирается", "собирается", "собирается", "собираются"},
	{"готов", "готова", "готово", "готовы"},
	{"рассчитывает", "рассчитывает", "рассчитывает", "рассчитывают"},
}

var ruTry = ruVerbList(`решил согласился отказался пообещал попытался
намеревался предложил`)

var ruUrge = ruVerbList(`призвал попросил обязал вынудил убедил`)

var ruRemain = ruVerbList(`остался оказался стал`)

func col(gnd int, pl bool) int {
	if pl {
		return 3
	}
	return gnd
}

// vp appends a predicate agreeing with a subject of gender gnd.
func (g *ruGrammar) vp(t *text, gnd int, pl bool) {
	r, v := g.r, g.v
	switch k := r.IntN(100); {
	case k < 42:
		if r.chance(15) {
			t.words(v.advs.pick(r))
		}
		t.word(v.verbs.pick(r).agree(gnd, pl))
		g.np(t, ruAcc, 12)
		if r.chance(45) {
			g.pp(t)
		}
		if r.chance(25) {
			g.timeExpr(t)
		}
	case k < 56:
		t.word(oneOf(r, ruModal)[col(gnd, pl)])
		t.word(v.verbs.pick(r).inf)
		g.np(t, ruAcc, 12)
		if r.chance(35) {
			g.timeExpr(t)
		}
	case k < 64:
		t.word(oneOf(r, ruRemain).agree(gnd, pl))
		if r.chance(30) {
			t.word(oneOf(r, []string{"очень", "по-прежнему", "ещё более", "крайне", "вполне"}))
		}
		t.word(v.adjs.pick(r).form(col(gnd, pl), ruIns, false))
		if r.chance(40) {
			g.pp(t)
		}
	case k < 77:
		t.word(oneOf(r, ruTry).agree(gnd, pl))
		t.word(v.verbs.pick(r).inf)
		g.np(t, ruAcc, 12)
		if r.chance(30) {
			g.pp(t)
		}
	case k < 87:
		t.word(oneOf(r, ruUrge).agree(gnd, pl))
		g.np(t, ruAcc, 25)
		t.word(v.verbs.pick(r).inf)
		g.np(t, ruAcc, 12)
	default:
		t.word(v.verbs.pick(r).agree(gnd, pl))
		g.np(t, ruAcc, 12)
		t.word("и")
		t.word(v.verbs.pick(r).agree(gnd, pl))
		g.np(t, ruAcc, 12)
	}
}

func (g *ruGrammar) clause(t *text) {
	r := g.r
	if r.chance(25) {
		g.timeExpr(t)
	}
	gnd, pl := g.np(t, ruNom, 22)
	g.vp(t, gnd, pl)
}

func (g *ruGrammar) sentence(t *text) {
	r := g.r
	switch k := r.IntN(100); {
	case k < 28:
		if r.chance(30) {
			g.opener(t)
		}
		g.clause(t)
		if r.chance(30) {
			t.punct(",")
			t.words(g.v.subords.pick(r))
			g.clause(t)
		}
		t.punct(".")
	case k < 42:
		g.reported(t)
	case k < 56:
		g.quote(t)
	case k < 66:
		g.figures(t)
	case k < 72:
		if r.chance(50) {
			t.words("по данным")
			g.np(t, ruGen, 45)
		} else {
			t.words("как сообщает")
			g.orgNP(t, g.org(), ruNom)
		}
		t.punct(",")
		g.clause(t)
		t.punct(".")
	case k < 82:
		g.clause(t)
		t.punct(",")
		t.word(oneOf(r, []string{"а", "но", "однако", "и", "но"}))
		g.clause(t)
		t.punct(".")
	case k < 90:
		o := g.org()
		gnd := g.orgNP(t, o, ruNom)
		t.punct(",")
		t.word([]string{"который", "которая", "которое"}[gnd])
		if r.chance(50) {
			t.word("ранее")
		}
		t.word(g.v.verbs.pick(r).agree(gnd, false))
		g.np(t, ruAcc, 5)
		t.punct(",")
		g.vp(t, gnd, false)
		t.punct(".")
	case k < 95:
		g.scratch.reset()
		gnd := g.orgNP(&g.scratch, g.org(), ruNom)
		t.words("об этом")
		t.word(oneOf(r, ruAbout).agree(gnd, false))
		t.words(string(g.scratch.b))
		t.punct(".")
	default:
		t.words(oneOf(r, []string{"это произошло", "решение было принято", "заявление прозвучало"}))
		t.words(oneOf(r, []string{"после того как", "на фоне того, что", "в то время как"}))
		g.clause(t)
		t.punct(".")
	}
}

func (g *ruGrammar) opener(t *text) {
	r := g.r
	switch r.IntN(10) {
	case 0, 1, 2, 3, 4, 5:
		t.words(g.v.conns.pick(r))
	case 6, 7:
		g.timeExpr(t)
	default:
		t.word("в")
		t.word(g.city.f[ruPrep])
	}
}

func (g *ruGrammar) reported(t *text) {
	r := g.r
	gnd, pl := 0, false
	switch r.IntN(4) {
	case 0, 1:
		p := g.person()
		if r.chance(50) {
			t.word(p.first)
		}
		t.word(p.last)
		gnd = b2i(p.fem)
	case 2:
		gnd = g.orgNP(t, g.org(), ruNom)
	default:
		gnd, pl = g.np(t, ruNom, 0)
	}
	t.word(g.v.report.pick(r).agree(gnd, pl))
	if r.chance(30) {
		g.timeExpr(t)
	}
	t.punct(",")
	t.word("что")
	g.clause(t)
	t.punct(".")
}

func (g *ruGrammar) quoteClause(t *text) {
	r, v := g.r, g.v
	switch r.IntN(7) {
	case 0, 1:
		t.word("мы")
		t.words(oneOf(r, []string{"собираемся", "должны", "планируем", "намерены", "готовы", "не можем", "хотим", "постараемся"}))
		t.word(v.verbs.pick(r).inf)
		g.np(t, ruAcc, 8)
		if r.chance(40) {
			g.pp(t)
		}
	case 2:
		subj := oneOf(r, []string{"мы уже", "мы", "мы ещё не", "никто не"})
		t.words(subj)
		t.word(v.verbs.pick(r).agree(0, subj != "никто не"))
		g.np(t, ruAcc, 8)
	case 3:
		t.words(oneOf(r, []string{"это", "это не", "это действительно"}))
		n := g.noun()
		t.word(v.adjs.pick(r).form(n.g, ruNom, n.anim))
		t.word(n.f[ruNom])
	case 4:
		n := g.noun()
		t.word(n.f[ruNom])
		t.word("остаётся")
		t.word(oneOf(r, []string{"очень", "крайне", "довольно", "вполне"}))
		t.word(v.adjs.pick(r).form(n.g, ruIns, false))
	case 5:
		t.words(oneOf(r, []string{"я считаю, что", "мы уверены, что", "я думаю, что", "мы понимаем, что"}))
		g.clause(t)
	default:
		g.clause(t)
	}
}

func (g *ruGrammar) quote(t *text) {
	r := g.r
	p := g.person()
	gnd := b2i(p.fem)
	switch r.IntN(5) {
	case 0, 1, 2:
		t.open("«")
		i := len(t.b)
		g.quoteClause(t)
		t.capFirst(i)
		if r.chance(30) {
			t.punct(".")
			i := len(t.b)
			g.quoteClause(t)
			t.capFirst(i)
		}
		t.punct("», —")
		t.word(g.v.report.pick(r).agree(gnd, false))
		t.word(p.first)
		t.word(p.last)
		if r.chance(70) {
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
		t.word(g.v.report.pick(r).agree(gnd, false))
		t.punct(":")
		t.open("«")
		i := len(t.b)
		g.quoteClause(t)
		t.capFirst(i)
		t.punct("».")
	default:
		t.words("по словам")
		t.word(p.firstGen)
		t.word(p.lastGen)
		t.punct(",")
		g.clause(t)
		t.punct(".")
	}
}

// Russian figure subjects: gender (3 = plural) and nominative phrase.
var ruFigures = []struct {
	g int
	s string
}{
	{1, "выручка"}, {1, "прибыль"}, {1, "чистая прибыль"}, {0, "объём продаж"},
	{0, "экспорт"}, {0, "импорт"}, {1, "инфляция"}, {0, "ВВП"}, {1, "безработица"},
	{1, "добыча нефти"}, {2, "число пассажиров"}, {0, "товарооборот"}, {3, "цены"},
	{3, "продажи"}, {3, "инвестиции"}, {3, "расходы"}, {0, "спрос"},
}

var ruAbout = ruVerbList(`сообщил заявил рассказал`)

var ruAmount = ruVerbList(`составил достиг:достигнуть`)

func (g *ruGrammar) figures(t *text) {
	r := g.r
	if r.chance(30) {
		g.timeExpr(t)
	}
	f := oneOf(r, ruFigures)
	t.words(f.s)
	switch r.IntN(3) {
	case 0:
		g.orgNP(t, g.org(), ruGen)
	case 1:
		t.word(g.country.f[ruGen])
	}
	gnd, pl := f.g, f.g == 3
	if pl {
		gnd = 0
	}
	if r.chance(55) {
		t.word(g.v.up.pick(r).agree(gnd, pl))
	} else {
		t.word(g.v.down.pick(r).agree(gnd, pl))
	}
	if r.chance(30) {
		t.words(oneOf(r, []string{"почти", "более чем", "примерно", "почти"}))
	}
	t.word("на")
	g.pct(t)
	if r.chance(50) {
		t.word("и")
		t.word(oneOf(r, ruAmount).agree(gnd, pl))
		g.money(t)
	}
	if r.chance(40) {
		t.punct(",")
		switch r.IntN(3) {
		case 0:
			g.scratch.reset()
			gnd := g.orgNP(&g.scratch, g.org(), ruNom)
			t.word(oneOf(r, ruAbout).agree(gnd, false))
			t.words(string(g.scratch.b))
		case 1:
			t.words("следует из отчёта")
			g.orgNP(t, g.org(), ruGen)
		default:
			t.words(oneOf(r, []string{"говорится в сообщении", "отмечается в докладе", "следует из данных"}))
			g.orgNP(t, g.agency(), ruGen)
		}
	}
	t.punct(".")
}

func (g *ruGrammar) title(t *text, short bool) {
	r, v := g.r, g.v
	gnd, pl := 0, false
	switch r.IntN(3) {
	case 0:
		gnd = g.orgNP(t, g.org(), ruNom)
	case 1:
		t.word(g.country.f[ruNom])
		gnd = 1
	default:
		n := g.noun()
		if r.chance(40) {
			t.word(v.adjs.pick(r).form(n.g, ruNom, false))
		}
		t.word(n.f[ruNom])
		gnd = n.g
	}
	t.word(v.verbs.pick(r).agree(gnd, pl))
	n := g.noun()
	if r.chance(50) {
		t.word(v.adjs.pick(r).form(n.g, ruAcc, n.anim))
	}
	t.word(n.f[ruAcc])
	if !short && r.chance(50) {
		g.pp(t)
	}
}

func (g *ruGrammar) dateline(t *text) {
	r := g.r
	t.b = append(t.b, strings.ToUpper(g.city.f[ruNom])...)
	t.b = append(t.b, ", "...)
	t.b = append(t.b, itoa(1+r.IntN(28))...)
	t.b = append(t.b, ' ')
	t.b = append(t.b, oneOf(r, ruMonthsGen)...)
	t.b = append(t.b, " ("...)
	t.b = append(t.b, oneOf(r, g.v.wires)...)
	t.b = append(t.b, ") —"...)
}
