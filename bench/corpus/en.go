package corpus

import "strings"

type enNoun struct {
	sg, pl string
	mass   bool
}

func (n enNoun) form(plural bool) string {
	if plural && !n.mass {
		return n.pl
	}
	return n.sg
}

type enVerb struct{ base, past, pp, s3 string }

type enVocab struct {
	nouns, count              list[enNoun]
	verbs, up, down           list[enVerb]
	report, adjs, advs, preps list[string]
	conns, subords, quants    list[string]
	roles                     list[string]
	male, female, surH, surT  []string
	placeH, placeT, countries []string
	compH, compT, compS       []string
	agencies, wires           []string
}

var enVoc = lazy[enVocab]{mk: func() *enVocab {
	v := &enVocab{}
	var nouns, count []enNoun
	for _, w := range fields(enNounWords) {
		n := enNoun{}
		if strings.HasSuffix(w, "~") {
			n.mass = true
			w = w[:len(w)-1]
		}
		if i := strings.IndexByte(w, ':'); i >= 0 {
			n.sg, n.pl = w[:i], w[i+1:]
		} else {
			n.sg, n.pl = w, enPlural(w)
		}
		nouns = append(nouns, n)
		if !n.mass {
			count = append(count, n)
		}
	}
	v.nouns = mkList(nouns, 6)
	v.count = mkList(count, 6)
	v.verbs = mkList(enVerbs(enVerbWords), 5)
	v.up = mkList(enVerbs(enUpWords), 3)
	v.down = mkList(enVerbs(enDownWords), 3)
	v.report = strList(enReportWords, 2)
	v.adjs = strList(enAdjWords, 5)
	v.advs = strList(enAdvWords, 4)
	v.preps = strList(enPrepWords, 3)
	v.conns = strList(enConnWords, 3)
	v.subords = strList(enSubordWords, 2)
	v.quants = strList(enQuantWords, 2)
	v.roles = strList(enRoleWords, 3)
	v.male, v.female = fields(enMaleNames), fields(enFemaleNames)
	v.surH, v.surT = fields(enSurnameHeads), fields(enSurnameTails)
	v.placeH, v.placeT = fields(enPlaceHeads), fields(enPlaceTails)
	v.countries = fields(enCountries)
	v.compH, v.compT = fields(enCompanyHeads), fields(enCompanyTails)
	v.compS = []string{"", "", "", "", " Group", " Holdings", " Inc", " Corp", " Partners"}
	v.agencies, v.wires = fields(enAgencyHeads), fields(enWires)
	return v
}}

func enPlural(w string) string {
	switch {
	case strings.HasSuffix(w, "s"), strings.HasSuffix(w, "x"), strings.HasSuffix(w, "z"),
		strings.HasSuffix(w, "ch"), strings.HasSuffix(w, "sh"):
		return w + "es"
	case strings.HasSuffix(w, "y") && !strings.ContainsRune("aeiou", rune(w[len(w)-2])):
		return w[:len(w)-1] + "ies"
	}
	return w + "s"
}

func enVerbs(s string) []enVerb {
	var vs []enVerb
	for _, w := range fields(s) {
		v := enVerb{}
		if p := strings.Split(w, ":"); len(p) == 3 {
			v.base, v.past, v.pp = p[0], p[1], p[2]
		} else {
			v.base = w
			switch {
			case strings.HasSuffix(w, "e"):
				v.past = w + "d"
			case strings.HasSuffix(w, "y") && !strings.ContainsRune("aeiou", rune(w[len(w)-2])):
				v.past = w[:len(w)-1] + "ied"
			default:
				v.past = w + "ed"
			}
			v.pp = v.past
		}
		v.s3 = enPlural(v.base)
		if strings.HasSuffix(v.base, "o") {
			v.s3 = v.base + "es"
		}
		vs = append(vs, v)
	}
	return vs
}

type enPerson struct {
	first, last, role string
	female            bool
}

type enGrammar struct {
	r       *Rand
	v       *enVocab
	people  [3]enPerson
	orgs    [3]string
	city    string
	country string
}

func newEnGrammar(r *Rand) *enGrammar { return &enGrammar{r: r, v: enVoc.get()} }

var (
	enMonths = strings.Fields("January February March April May June July August September October November December")
	enDays   = strings.Fields("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
	enOrd    = strings.Fields("first second third fourth")
)

func (g *enGrammar) surname() string {
	return oneOf(g.r, g.v.surH) + oneOf(g.r, g.v.surT)
}

func (g *enGrammar) place() string {
	return oneOf(g.r, g.v.placeH) + oneOf(g.r, g.v.placeT)
}

func (g *enGrammar) company() string {
	v := g.v
	return oneOf(g.r, v.compH) + " " + oneOf(g.r, v.compT) + oneOf(g.r, v.compS)
}

func (g *enGrammar) newPerson() enPerson {
	p := enPerson{female: g.r.chance(50), last: g.surname()}
	if p.female {
		p.first = oneOf(g.r, g.v.female)
	} else {
		p.first = oneOf(g.r, g.v.male)
	}
	role := g.v.roles.pick(g.r)
	switch {
	case role == "spokesman" && p.female:
		role = "spokeswoman"
	case role == "spokeswoman" && !p.female:
		role = "spokesman"
	case role == "chairman" && p.female:
		role = "chairwoman"
	}
	switch {
	case strings.HasSuffix(role, "minister"):
		if g.r.chance(50) {
			p.role = g.country + "'s " + role
		} else {
			p.role = "the " + role
		}
	case g.r.chance(50):
		p.role = "the " + role + " of " + g.org()
	default:
		p.role = "a " + role + " at " + g.org()
	}
	return p
}

func (g *enGrammar) reset() {
	g.country = oneOf(g.r, g.v.countries)
	g.city = g.place()
	g.orgs[0] = g.company()
	g.orgs[1] = g.company()
	g.orgs[2] = "the " + oneOf(g.r, g.v.agencies)
	for i := range g.people {
		g.people[i] = g.newPerson()
	}
}

// org returns a (mostly recurring) organisation name.
func (g *enGrammar) org() string {
	if g.orgs[0] == "" || g.r.chance(25) {
		if g.r.chance(70) {
			return g.company()
		}
		return "the " + oneOf(g.r, g.v.agencies)
	}
	return oneOf(g.r, g.orgs[:])
}

func (g *enGrammar) person() enPerson {
	if g.r.chance(20) {
		return g.newPerson()
	}
	return oneOf(g.r, g.people[:])
}

// personRef appends a person's full name or surname.
func (g *enGrammar) personRef(t *text) {
	p := g.person()
	if g.r.chance(50) {
		t.word(p.first)
	}
	t.word(p.last)
}

func (g *enGrammar) adj(t *text, pct int) {
	if g.r.chance(pct) {
		t.word(g.v.adjs.pick(g.r))
	}
}

// simpleNP appends "the/a [adj] noun" or a bare plural.
func (g *enGrammar) simpleNP(t *text) {
	r := g.r
	n := g.v.nouns.pick(r)
	pl := !n.mass && r.chance(30)
	switch {
	case pl && r.chance(50):
	case !pl && !n.mass && r.chance(30):
		t.word("a")
	default:
		t.word("the")
	}
	g.adj(t, 30)
	t.word(n.form(pl))
}

// np appends a noun phrase and reports whether it is plural.
func (g *enGrammar) np(t *text, proper int) bool {
	r := g.r
	k := r.IntN(100)
	switch {
	case k < proper:
		t.words(g.org())
		return false
	case k < proper+proper/2:
		g.personRef(t)
		return false
	case k < 8+proper*3/2:
		if r.chance(50) {
			t.words(enPoss(g.org()))
		} else {
			t.word("the")
			t.word(g.v.nouns.pick(r).sg + "'s")
		}
		g.adj(t, 30)
		n := g.v.nouns.pick(r)
		pl := !n.mass && r.chance(25)
		t.word(n.form(pl))
		return pl
	case k < 24+proper*3/2:
		if r.chance(50) {
			t.words(g.v.quants.pick(r))
		}
		g.adj(t, 40)
		t.word(g.v.count.pick(r).pl)
		return true
	}
	n := g.v.nouns.pick(r)
	pl := !n.mass && r.chance(20)
	switch d := r.IntN(100); {
	case d < 62 || (n.mass && d < 80):
		t.word("the")
	case d < 80 && !pl:
		t.word("a")
	case d < 86:
		t.word("its")
	case d < 91:
		t.word("their")
	case d < 96 && !pl:
		t.word("this")
	case d < 96:
		t.word("these")
	default:
		t.word("another")
		pl = false
		if n.mass {
			n = g.v.count.pick(r)
		}
	}
	g.adj(t, 35)
	if r.chance(12) {
		t.word(g.v.nouns.pick(r).sg)
	}
	t.word(n.form(pl))
	if r.chance(18) {
		t.word("of")
		g.simpleNP(t)
	}
	return pl
}

func (g *enGrammar) pp(t *text) {
	t.word(g.v.preps.pick(g.r))
	if g.r.chance(15) {
		t.word(g.city)
		return
	}
	g.simpleNP(t)
}

func (g *enGrammar) timeExpr(t *text) {
	r := g.r
	switch r.IntN(12) {
	case 0, 1, 2:
		t.word("on")
		t.word(oneOf(r, enDays))
	case 3:
		t.words(oneOf(r, []string{"last week", "last month", "last year", "this week", "next year", "next month", "earlier this year", "later this year", "this month"}))
	case 4:
		t.word("in")
		t.word(oneOf(r, enMonths))
	case 5:
		t.word("in")
		t.word(itoa(year(r)))
	case 6:
		t.words("in the " + oneOf(r, enOrd) + " quarter")
	case 7:
		t.words(oneOf(r, []string{"by the end of", "before the end of", "in the first half of", "in the second half of", "since early"}))
		t.word(itoa(year(r)))
	case 8:
		t.words("for the first time since")
		t.word(itoa(year(r)))
	case 9:
		t.words(oneOf(r, []string{"over the past", "in the coming", "within the next", "for the past"}))
		t.word(oneOf(r, []string{"two", "three", "four", "six", "several", "few"}))
		t.word(oneOf(r, []string{"weeks", "months", "years", "days", "decades"}))
	case 10:
		t.word("on")
		t.word(oneOf(r, enMonths))
		t.word(itoa(1 + r.IntN(28)))
	default:
		t.word("in")
		if p := oneOf(r, []string{"early", "mid-", "late"}); p == "mid-" {
			t.word(p + oneOf(r, enMonths))
		} else {
			t.word(p)
			t.word(oneOf(r, enMonths))
		}
	}
}

func (g *enGrammar) pct() string { return decimal(smallTenths(g.r), ".") + "%" }

func (g *enGrammar) money() string {
	tenths, bn := amount(g.r)
	cur := "$"
	if g.r.chance(25) {
		cur = "€"
	}
	unit := " million"
	if bn {
		unit = " billion"
	}
	return cur + decimal(tenths, ".") + unit
}

// vp appends a verb phrase agreeing with a subject.
func (g *enGrammar) vp(t *text, plural bool) {
	r, v := g.r, g.v
	be, have := "was", "has"
	if plural {
		be, have = "were", "have"
	}
	switch k := r.IntN(100); {
	case k < 38:
		if r.chance(15) {
			t.word(v.advs.pick(r))
		}
		t.word(v.verbs.pick(r).past)
		g.np(t, 12)
		if r.chance(45) {
			g.pp(t)
		}
		if r.chance(25) {
			g.timeExpr(t)
		}
	case k < 48:
		t.word(have)
		if r.chance(25) {
			t.word(v.advs.pick(r))
		}
		t.word(v.verbs.pick(r).pp)
		g.np(t, 12)
		if r.chance(40) {
			g.pp(t)
		}
	case k < 58:
		t.word(oneOf(r, []string{"would", "could", "may", "will", "might", "should", "must"}))
		if r.chance(15) {
			t.word("not")
		}
		t.word(v.verbs.pick(r).base)
		g.np(t, 12)
		if r.chance(35) {
			g.timeExpr(t)
		}
	case k < 66:
		t.word(be)
		if r.chance(30) {
			t.word(oneOf(r, []string{"still", "already", "increasingly", "more", "less", "not", "largely", "far", "very"}))
		}
		t.word(v.adjs.pick(r))
		if r.chance(50) {
			g.pp(t)
		}
	case k < 74:
		t.word(be)
		t.word(v.verbs.pick(r).pp)
		if r.chance(60) {
			t.word("by")
			g.np(t, 20)
		} else {
			g.pp(t)
		}
	case k < 85:
		t.word(oneOf(r, []string{"planned", "agreed", "sought", "promised", "decided", "hoped", "failed", "refused", "declined", "expected", "aimed", "threatened", "pledged", "vowed", "wanted", "tried"}))
		t.word("to")
		t.word(v.verbs.pick(r).base)
		g.np(t, 12)
		if r.chance(30) {
			g.pp(t)
		}
	case k < 93:
		t.word(oneOf(r, []string{"urged", "asked", "allowed", "forced", "encouraged", "pressed", "invited", "told", "helped", "required"}))
		g.np(t, 25)
		t.word("to")
		t.word(v.verbs.pick(r).base)
		g.np(t, 12)
	default:
		t.word(v.verbs.pick(r).past)
		g.np(t, 12)
		t.word("and")
		t.word(v.verbs.pick(r).past)
		g.np(t, 12)
	}
}

func (g *enGrammar) clause(t *text) {
	g.vp(t, g.np(t, 22))
}

func (g *enGrammar) tail(t *text) {
	r := g.r
	switch r.IntN(5) {
	case 0, 1:
		t.punct(",")
		t.words(g.v.subords.pick(r))
		g.clause(t)
	case 2:
		t.punct(",")
		t.word("which")
		g.vp(t, false)
	case 3:
		t.word(oneOf(r, []string{"to", "in order to", "as part of efforts to", "in a bid to"}))
		t.word(g.v.verbs.pick(r).base)
		g.np(t, 10)
	default:
		t.punct(",")
		t.word(oneOf(r, []string{"up from", "down from", "compared with"}))
		if r.chance(50) {
			t.word(g.pct())
		} else {
			t.words(g.money())
		}
		t.words(oneOf(r, []string{"a year earlier", "in the previous quarter", "last year", "before the crisis"}))
	}
}

func (g *enGrammar) opener(t *text) {
	r := g.r
	switch r.IntN(10) {
	case 0, 1, 2, 3, 4:
		t.words(g.v.conns.pick(r))
	case 5, 6, 7:
		g.timeExpr(t)
		t.punct(",")
	default:
		t.word("In")
		if r.chance(50) {
			t.word(g.city)
		} else {
			t.word(g.country)
		}
		t.punct(",")
	}
}

func (g *enGrammar) sentence(t *text) {
	r := g.r
	switch k := r.IntN(100); {
	case k < 26:
		if r.chance(30) {
			g.opener(t)
		}
		g.clause(t)
		if r.chance(35) {
			g.tail(t)
		}
		t.punct(".")
	case k < 40:
		g.reported(t)
	case k < 54:
		g.quote(t)
	case k < 64:
		g.figures(t)
	case k < 70:
		t.words("According to")
		if r.chance(50) {
			t.words(g.org())
		} else {
			t.word("the")
			g.adj(t, 30)
			t.word(oneOf(r, []string{"data", "report", "survey", "figures", "estimates", "study", "documents", "sources", "statement", "filing"}))
		}
		t.punct(",")
		g.clause(t)
		t.punct(".")
	case k < 76:
		if g.np(t, 10) {
			t.word(oneOf(r, []string{"were", "are", "had been", "will be", "have been", "would be"}))
		} else {
			t.word(oneOf(r, []string{"was", "is", "had been", "will be", "has been", "would be"}))
		}
		t.word(g.v.verbs.pick(r).pp)
		if r.chance(50) {
			t.word("by")
			g.np(t, 30)
		}
		if r.chance(50) {
			g.pp(t)
		}
		if r.chance(40) {
			g.timeExpr(t)
		}
		t.punct(".")
	case k < 82:
		t.word(oneOf(r, []string{"Analysts", "Economists", "Investors", "Officials", "Traders", "Some lawmakers", "Critics", "Residents", "Most observers"}))
		t.word(oneOf(r, []string{"expect", "expected", "believe", "want", "had expected", "fear"}))
		g.np(t, 25)
		t.word("to")
		t.word(g.v.verbs.pick(r).base)
		g.np(t, 10)
		if r.chance(50) {
			g.timeExpr(t)
		}
		t.punct(".")
	case k < 90:
		g.clause(t)
		t.punct(",")
		t.word(oneOf(r, []string{"but", "and", "while", "although", "and", "but"}))
		g.clause(t)
		t.punct(".")
	case k < 95:
		t.words(g.org())
		t.punct(",")
		t.word(oneOf(r, []string{"which", "which", "whose"}))
		if t.last() == "whose" {
			t.word(g.v.nouns.pick(r).sg)
		}
		t.word(g.v.verbs.pick(r).past)
		g.np(t, 5)
		t.punct(",")
		g.vp(t, false)
		t.punct(".")
	default:
		t.word("The")
		t.word(oneOf(r, []string{"move", "decision", "announcement", "deal", "plan", "vote", "ruling", "report", "proposal", "agreement"}))
		t.word(oneOf(r, []string{"comes as", "came after", "follows", "comes amid", "came as"}))
		if t.last() == "follows" || t.last() == "amid" {
			g.np(t, 15)
		} else {
			g.clause(t)
		}
		t.punct(".")
	}
}

func (g *enGrammar) reported(t *text) {
	r := g.r
	switch r.IntN(4) {
	case 0, 1:
		g.personRef(t)
	case 2:
		t.words(g.org())
	default:
		g.np(t, 0)
	}
	t.words(g.v.report.pick(r))
	if r.chance(30) {
		g.timeExpr(t)
	}
	if r.chance(60) {
		t.word("that")
	}
	g.clause(t)
	if r.chance(30) {
		g.tail(t)
	}
	t.punct(".")
}

// quoteClause appends a clause as spoken by a source, in the present tense.
func (g *enGrammar) quoteClause(t *text) {
	r, v := g.r, g.v
	switch r.IntN(8) {
	case 0, 1:
		t.word(oneOf(r, []string{"we", "we", "they", "you"}))
		t.words(oneOf(r, []string{"will", "would", "can", "must", "need to", "want to", "plan to", "expect to", "are ready to", "have to", "cannot", "should"}))
		t.word(v.verbs.pick(r).base)
		g.np(t, 8)
		if r.chance(40) {
			g.pp(t)
		}
	case 2:
		t.words(oneOf(r, []string{"we have", "we have not", "they have", "we have already", "nobody has"}))
		t.word(v.verbs.pick(r).pp)
		g.np(t, 8)
	case 3:
		t.word(oneOf(r, []string{"this", "it", "that"}))
		t.word(oneOf(r, []string{"is", "is not", "was", "remains", "will be"}))
		if r.chance(50) {
			t.word(oneOf(r, []string{"very", "too", "extremely", "quite", "not yet"}))
			t.word(v.adjs.pick(r))
		} else {
			t.word("a")
			t.word(v.adjs.pick(r))
			t.word(v.count.pick(r).sg)
			if r.chance(40) {
				t.word("for")
				g.np(t, 8)
			}
		}
	case 4:
		t.words(oneOf(r, []string{"there is no", "there is a", "there is little", "there are some", "there are many"}))
		n := v.count.pick(r)
		t.word(n.form(t.last() == "some" || t.last() == "many"))
		g.pp(t)
	case 5:
		t.word(oneOf(r, []string{"the", "our", "the", "this"}))
		n := v.nouns.pick(r)
		t.word(n.sg)
		t.word(oneOf(r, []string{"is", "remains", "looks", "is still", "is not"}))
		t.word(v.adjs.pick(r))
		if r.chance(40) {
			t.punct(",")
			t.word("but")
			g.np(t, 8)
			t.word(oneOf(r, []string{"remains", "is", "looks"}))
			t.word(v.adjs.pick(r))
		}
	case 6:
		t.words(oneOf(r, []string{"I think", "I believe", "we believe", "we know", "I am confident", "we are concerned"}))
		g.clause(t)
	default:
		g.clause(t)
	}
}

func (g *enGrammar) speaker(t *text, inverted bool) {
	r := g.r
	p := g.person()
	if inverted {
		t.word(oneOf(r, []string{"said", "said", "said", "added", "warned", "explained"}))
		t.word(p.first)
		t.word(p.last)
		if r.chance(70) {
			t.punct(",")
			t.words(p.role)
		}
		return
	}
	t.word(p.first)
	t.word(p.last)
	if r.chance(60) {
		t.punct(",")
		t.words(p.role)
		t.punct(",")
	}
	t.word("said")
}

// enPoss returns the possessive form of a name.
func enPoss(s string) string {
	if strings.HasSuffix(s, "s") {
		return s + "'"
	}
	return s + "'s"
}

func (g *enGrammar) quote(t *text) {
	r := g.r
	switch r.IntN(5) {
	case 0, 1, 2:
		t.open(`"`)
		g.quoteClause(t)
		if r.chance(30) {
			t.punct(".")
			i := len(t.b)
			g.quoteClause(t)
			t.capFirst(i)
		}
		t.punct(`,"`)
		if r.chance(60) {
			g.speaker(t, true)
		} else {
			p := g.person()
			t.word(p.last)
			t.word(oneOf(r, []string{"said", "added", "told reporters", "said in an interview", "wrote"}))
		}
		t.punct(".")
	case 3:
		g.speaker(t, false)
		t.punct(":")
		t.open(`"`)
		i := len(t.b)
		g.quoteClause(t)
		t.capFirst(i)
		t.punct(`."`)
	default:
		t.open(`"`)
		g.quoteClause(t)
		t.punct(`,"`)
		t.word(g.person().last)
		t.word("told")
		t.word(oneOf(r, []string{"reporters", "lawmakers", "investors", "analysts", "a news conference", "a briefing"}))
		if r.chance(40) {
			t.word("in")
			t.word(g.city)
		}
		t.punct(".")
	}
}

var enFigureNouns = fields(`revenue profit sales exports imports output prices
spending earnings orders production investment shares unemployment
inflation wages deficit debt net_income operating_profit traffic
passenger_numbers bookings deliveries`)

func (g *enGrammar) figures(t *text) {
	r := g.r
	if r.chance(20) {
		t.words(g.org())
		t.words(oneOf(r, []string{"said it would", "plans to", "will", "is expected to", "announced plans to"}))
		t.word(oneOf(r, []string{"cut", "create", "add", "eliminate", "shed", "hire"}))
		if r.chance(40) {
			t.words(oneOf(r, []string{"about", "more than", "up to", "nearly"}))
		}
		t.word(groupDigits(headcount(r), ","))
		t.word(oneOf(r, []string{"jobs", "positions", "workers", "staff"}))
		if r.chance(50) {
			g.timeExpr(t)
		}
		t.punct(".")
		return
	}
	switch r.IntN(3) {
	case 0:
		t.words(enPoss(g.org()))
	case 1:
		t.word("the")
		t.word(oneOf(r, []string{"country's", "company's", "region's", "city's", "group's", "sector's"}))
	default:
		t.word("the")
		g.adj(t, 30)
	}
	t.words(oneOf(r, enFigureNouns))
	if r.chance(55) {
		t.word(g.v.up.pick(r).past)
	} else {
		t.word(g.v.down.pick(r).past)
	}
	if r.chance(40) {
		t.word(oneOf(r, []string{"by", "almost", "about", "more than", "nearly"}))
	}
	t.word(g.pct())
	if r.chance(50) {
		t.word("to")
		t.words(g.money())
	}
	if r.chance(60) {
		g.timeExpr(t)
	}
	if r.chance(50) {
		t.punct(",")
		switch r.IntN(3) {
		case 0:
			t.words(g.org())
			t.word(oneOf(r, []string{"said", "reported", "said on " + oneOf(r, enDays)}))
		case 1:
			t.words("according to")
			g.simpleNP(t)
		default:
			t.words(oneOf(r, []string{"the highest level since", "the lowest level since", "the biggest change since", "the weakest result since"}))
			t.word(itoa(year(r)))
		}
	}
	t.punct(".")
}

var enSmallWords = map[string]bool{"a": true, "an": true, "the": true, "of": true, "in": true, "on": true, "at": true, "to": true, "for": true, "and": true, "or": true, "but": true, "as": true, "by": true, "with": true, "from": true}

func (g *enGrammar) title(t *text, short bool) {
	r, v := g.r, g.v
	plural := false
	switch r.IntN(4) {
	case 0, 1:
		t.words(strings.TrimPrefix(g.org(), "the "))
	case 2:
		t.word(g.country)
	default:
		g.adj(t, 40)
		t.word(v.count.pick(r).pl)
		plural = true
	}
	vb := v.verbs.pick(r)
	if plural {
		t.word(vb.base)
	} else {
		t.word(vb.s3)
	}
	g.adj(t, 35)
	n := v.nouns.pick(r)
	t.word(n.form(r.chance(40)))
	if !short {
		switch r.IntN(5) {
		case 0:
			t.word("as")
			t.word(v.count.pick(r).pl)
			if r.chance(50) {
				t.word(v.up.pick(r).base)
			} else {
				t.word(v.down.pick(r).base)
			}
		case 1:
			t.word(oneOf(r, []string{"amid", "after", "despite", "over"}))
			g.adj(t, 50)
			t.word(v.nouns.pick(r).sg)
		case 2:
			t.word("in")
			t.word(g.city)
		case 3:
			t.word(oneOf(r, []string{"for", "with", "to"}))
			g.adj(t, 50)
			t.word(v.count.pick(r).pl)
		}
	}
	// Headline case.
	ws := strings.Split(string(t.b), " ")
	for i, w := range ws {
		if i > 0 && enSmallWords[w] {
			continue
		}
		ws[i] = upperFirst(w)
	}
	t.b = append(t.b[:0], strings.Join(ws, " ")...)
}

// upperFirst upper-cases the first letter of each hyphen-separated part of
// an ASCII word.
func upperFirst(w string) string {
	b := []byte(w)
	start := true
	for i, c := range b {
		if start && c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
		start = c == '-'
	}
	return string(b)
}

func (g *enGrammar) dateline(t *text) {
	r := g.r
	t.b = append(t.b, strings.ToUpper(g.city)...)
	t.b = append(t.b, ", "...)
	t.b = append(t.b, oneOf(r, enMonths)...)
	t.b = append(t.b, ' ')
	t.b = append(t.b, itoa(1+r.IntN(28))...)
	t.b = append(t.b, " ("...)
	t.b = append(t.b, oneOf(r, g.v.wires)...)
	t.b = append(t.b, ") -"...)
}
