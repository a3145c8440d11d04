package corpus

import "strings"

type frNoun struct {
	sg, pl string
	fem    bool
}

func (n frNoun) form(pl bool) string {
	if pl {
		return n.pl
	}
	return n.sg
}

type frAdj struct{ ms, fs, mp, fp string }

func (a frAdj) form(fem, pl bool) string {
	switch {
	case fem && pl:
		return a.fp
	case fem:
		return a.fs
	case pl:
		return a.mp
	}
	return a.ms
}

type frVerb struct{ inf, pp, p3, p3pl string }

type frOrg struct {
	np  string // with its article, e.g. "le groupe Norvel"
	fem bool
}

type frVocab struct {
	nounsM, nounsF       list[frNoun]
	post, pre            list[frAdj]
	verbs, up, down      list[frVerb]
	report, advs, conns  list[string]
	subords, preps       list[string]
	rolesM, rolesF       []string
	male, female         []string
	surH, surT           []string
	placeH, placeT       []string
	companies, countries []string
	types, agencies      []frOrg
	wires                []string
}

func frNouns(s string, fem bool) []frNoun {
	var ns []frNoun
	for _, w := range fields(s) {
		n := frNoun{fem: fem}
		if i := strings.IndexByte(w, ':'); i >= 0 {
			n.sg, n.pl = w[:i], strings.ReplaceAll(w[i+1:], "_", " ")
		} else {
			n.sg = w
			if i := strings.IndexByte(w, ' '); i >= 0 {
				n.pl = frPlural(w[:i]) + w[i:]
			} else {
				n.pl = frPlural(w)
			}
		}
		ns = append(ns, n)
	}
	return ns
}

func frPlural(w string) string {
	switch {
	case strings.HasSuffix(w, "s"), strings.HasSuffix(w, "x"), strings.HasSuffix(w, "z"):
		return w
	case strings.HasSuffix(w, "al"):
		return w[:len(w)-2] + "aux"
	case strings.HasSuffix(w, "eau"), strings.HasSuffix(w, "eu"):
		return w + "x"
	}
	return w + "s"
}

func frFeminine(m string) string {
	switch {
	case strings.HasSuffix(m, "e"):
		return m
	case strings.HasSuffix(m, "eux"):
		return m[:len(m)-1] + "se"
	case strings.HasSuffix(m, "if"):
		return m[:len(m)-1] + "ve"
	case strings.HasSuffix(m, "el"), strings.HasSuffix(m, "ien"):
		return m + m[len(m)-1:] + "e"
	case strings.HasSuffix(m, "er"):
		return m[:len(m)-2] + "ère"
	}
	return m + "e"
}

func frAdjs(s string) []frAdj {
	var as []frAdj
	for _, w := range fields(s) {
		a := frAdj{ms: w}
		if i := strings.IndexByte(w, '|'); i >= 0 {
			a.ms, a.fs = w[:i], w[i+1:]
		} else {
			a.fs = frFeminine(w)
		}
		a.mp = frPlural(a.ms)
		a.fp = a.fs + "s"
		as = append(as, a)
	}
	return as
}

func frVerbList(s string) []frVerb {
	var vs []frVerb
	for _, w := range fields(s) {
		if p := strings.Split(w, ":"); len(p) == 4 {
			vs = append(vs, frVerb{p[0], p[1], p[2], p[3]})
			continue
		}
		stem := w[:len(w)-2]
		vs = append(vs, frVerb{w, stem + "é", stem + "e", stem + "ent"})
	}
	return vs
}

func frOrgs(s string) []frOrg {
	var os []frOrg
	for _, w := range fields(s) {
		fem := strings.HasPrefix(w, "f:")
		name := w[2:]
		det := "le "
		if fem {
			det = "la "
		}
		os = append(os, frOrg{np: det + name, fem: fem})
	}
	return os
}

var frVoc = lazy[frVocab]{mk: func() *frVocab {
	v := &frVocab{}
	v.nounsM = mkList(frNouns(frNounsM, false), 6)
	v.nounsF = mkList(frNouns(frNounsF, true), 6)
	v.post = mkList(frAdjs(frAdjPost), 5)
	v.pre = mkList(frAdjs(frAdjPre), 3)
	v.verbs = mkList(frVerbList(frVerbs), 5)
	v.up = mkList(frVerbList(frUp), 2)
	v.down = mkList(frVerbList(frDown), 2)
	v.report = strList(frReport, 2)
	v.advs = strList(frAdverbs, 4)
	v.conns = strList(frConns, 3)
	v.subords = strList(frSubords, 2)
	v.preps = strList(frPreps, 3)
	v.rolesM, v.rolesF = fields(frRolesM), fields(frRolesF)
	v.male, v.female = fields(frMaleNames), fields(frFemaleNames)
	v.surH, v.surT = fields(frSurHeads), fields(frSurTails)
	v.placeH, v.placeT = fields(frPlaceHeads), fields(frPlaceTails)
	v.companies, v.countries = fields(frCompanyNames), fields(frCountries)
	v.types, v.agencies = frOrgs(frCompanyTypes), frOrgs(frAgencies)
	v.wires = fields(frWires)
	return v
}}

type frPerson struct {
	first, last, role string
	fem               bool
}

type frGrammar struct {
	r       *Rand
	v       *frVocab
	people  [3]frPerson
	orgs    [3]frOrg
	city    string
	country string
}

func newFrGrammar(r *Rand) grammar { return &frGrammar{r: r, v: frVoc.get()} }

var (
	frMonths = strings.Fields("janvier février mars avril mai juin juillet août septembre octobre novembre décembre")
	frDays   = strings.Fields("lundi mardi mercredi jeudi vendredi samedi dimanche")
	frOrd    = strings.Fields("premier deuxième troisième quatrième")
)

func (g *frGrammar) company() frOrg {
	r := g.r
	name := oneOf(r, g.v.companies)
	if r.chance(35) {
		return frOrg{np: name}
	}
	typ := oneOf(r, g.v.types)
	return frOrg{np: typ.np + " " + name, fem: typ.fem}
}

func (g *frGrammar) place() string {
	h, t := oneOf(g.r, g.v.placeH), oneOf(g.r, g.v.placeT)
	if strings.HasSuffix(h, "-") {
		return h + strings.ToUpper(t[:1]) + t[1:]
	}
	return h + t
}

func (g *frGrammar) newPerson() frPerson {
	r, v := g.r, g.v
	p := frPerson{fem: r.chance(50), last: oneOf(r, v.surH) + oneOf(r, v.surT)}
	roles := v.rolesM
	if p.fem {
		p.first = oneOf(r, v.female)
		roles = v.rolesF
	} else {
		p.first = oneOf(r, v.male)
	}
	switch k := r.IntN(10); {
	case k == 0:
		p.role = "ministre " + oneOf(r, []string{"de la Économie", "des Transports", "de la Santé", "de la Industrie", "de le Travail", "de la Énergie"})
	case k == 1:
		p.role = "maire de " + g.city
	case k < 6:
		p.role = oneOf(r, roles) + " de " + g.org().np
	default:
		p.role = oneOf(r, roles) + " chez " + g.org().np
	}
	return p
}

func (g *frGrammar) reset() {
	g.country = oneOf(g.r, g.v.countries)
	g.city = g.place()
	g.orgs[0] = g.company()
	g.orgs[1] = g.company()
	g.orgs[2] = oneOf(g.r, g.v.agencies)
	for i := range g.people {
		g.people[i] = g.newPerson()
	}
}

func (g *frGrammar) org() frOrg {
	if g.orgs[0].np == "" || g.r.chance(25) {
		if g.r.chance(70) {
			return g.company()
		}
		return oneOf(g.r, g.v.agencies)
	}
	return oneOf(g.r, g.orgs[:])
}

func (g *frGrammar) person() frPerson {
	if g.r.chance(20) {
		return g.newPerson()
	}
	return oneOf(g.r, g.people[:])
}

func (g *frGrammar) noun() frNoun {
	if g.r.chance(50) {
		return g.v.nounsF.pick(g.r)
	}
	return g.v.nounsM.pick(g.r)
}

func frDef(fem, pl bool) string {
	switch {
	case pl:
		return "les"
	case fem:
		return "la"
	}
	return "le"
}

// simpleNP appends "le/la/les/un/une noun [adj]".
func (g *frGrammar) simpleNP(t *text) (fem, pl bool) {
	r := g.r
	n := g.noun()
	pl = r.chance(25)
	if !pl && r.chance(25) {
		if n.fem {
			t.word("une")
		} else {
			t.word("un")
		}
	} else {
		t.word(frDef(n.fem, pl))
	}
	t.word(n.form(pl))
	if r.chance(30) {
		t.word(g.v.post.pick(r).form(n.fem, pl))
	}
	return n.fem, pl
}

// np appends a noun phrase; it reports its gender and number.
func (g *frGrammar) np(t *text, proper int) (fem, pl bool) {
	r, v := g.r, g.v
	k := r.IntN(100)
	switch {
	case k < proper:
		o := g.org()
		t.words(o.np)
		return o.fem, false
	case k < proper*3/2:
		p := g.person()
		if r.chance(50) {
			t.words(p.first)
		}
		t.words(p.last)
		return p.fem, false
	}
	n := g.noun()
	pl = r.chance(25) && n.pl != n.sg
	fem = n.fem
	switch d := r.IntN(100); {
	case d < 55:
		t.word(frDef(fem, pl))
	case d < 73:
		switch {
		case pl:
			t.word("des")
		case fem:
			t.word("une")
		default:
			t.word("un")
		}
	case d < 81:
		switch {
		case pl:
			t.word("ces")
		case fem:
			t.word("cette")
		default:
			t.word("ce")
		}
	case d < 91:
		if r.chance(60) {
			switch {
			case pl:
				t.word("ses")
			case fem:
				t.word("sa")
			default:
				t.word("son")
			}
		} else if pl {
			t.word("leurs")
		} else {
			t.word("leur")
		}
	default:
		pl = n.pl != n.sg
		switch {
		case !pl:
			t.word(frDef(fem, false))
		case r.chance(40):
			t.word("plusieurs")
		case fem:
			t.words(oneOf(r, []string{"de nombreuses", "certaines", "quelques"}))
		default:
			t.words(oneOf(r, []string{"de nombreux", "certains", "quelques"}))
		}
	}
	if r.chance(12) {
		t.word(v.pre.pick(r).form(fem, pl))
	}
	t.words(n.form(pl))
	if r.chance(35) {
		t.word(v.post.pick(r).form(fem, pl))
	}
	if r.chance(20) {
		t.word("de")
		g.simpleNP(t)
	}
	return fem, pl
}

func (g *frGrammar) pp(t *text) {
	r := g.r
	switch r.IntN(10) {
	case 0:
		t.word("à")
		t.word(g.city)
	case 1:
		t.word("en")
		t.word(g.country)
	default:
		t.words(g.v.preps.pick(r))
		g.simpleNP(t)
	}
}

func (g *frGrammar) timeExpr(t *text) {
	r := g.r
	switch r.IntN(11) {
	case 0, 1, 2:
		t.word(oneOf(r, frDays))
	case 3:
		t.words(oneOf(r, []string{"la semaine dernière", "le mois dernier", "la année dernière", "le an dernier", "cette semaine", "la année prochaine", "le mois prochain", "ce mois-ci", "en début de semaine", "en fin de journée"}))
	case 4:
		t.word("en")
		t.word(oneOf(r, frMonths))
	case 5:
		t.word("en")
		t.word(itoa(year(r)))
	case 6:
		t.words("à le " + oneOf(r, frOrd) + " trimestre")
	case 7:
		t.words(oneOf(r, []string{"depuis le début de", "de ici à la fin de", "à la fin de", "avant", "dès", "depuis", "après"}))
		switch t.last() {
		case "de":
			t.words(oneOf(r, []string{"la année", "le mois", "le trimestre", "le été", "la semaine", "le hiver", "le exercice"}))
		default:
			if r.chance(50) {
				t.word(itoa(year(r)))
			} else {
				t.word("le")
				t.word(itoa(1 + r.IntN(28)))
				t.word(oneOf(r, frMonths))
			}
		}
	case 8:
		t.words(oneOf(r, []string{"pour la première fois depuis", "une première depuis", "du jamais-vu depuis", "au plus haut depuis", "au plus bas depuis"}))
		t.word(itoa(year(r)))
	case 9:
		t.words(oneOf(r, []string{"à le cours de les", "pendant les", "dans les"}))
		t.word(oneOf(r, []string{"deux", "trois", "six", "douze", "prochains", "derniers"}))
		if l := t.last(); l != "prochains" && l != "derniers" {
			t.word(oneOf(r, []string{"prochains", "derniers"}))
		}
		t.word(oneOf(r, []string{"mois", "jours", "ans"}))
	default:
		t.word("le")
		t.word(itoa(1 + r.IntN(28)))
		t.word(oneOf(r, frMonths))
	}
}

func (g *frGrammar) pct(t *text) {
	t.word(decimal(smallTenths(g.r), ","))
	t.word("%")
}

func (g *frGrammar) money(t *text) {
	tenths, bn := amount(g.r)
	t.word(decimal(tenths, ","))
	unit := "million"
	if bn {
		unit = "milliard"
	}
	if tenths >= 20 {
		unit += "s"
	}
	t.word(unit)
	t.word("de")
	if g.r.chance(75) {
		t.word("euros")
	} else {
		t.word("dollars")
	}
}

// vp appends a verb phrase agreeing with its subject.
func (g *frGrammar) vp(t *text, fem, pl bool) {
	r, v := g.r, g.v
	conj := func(sg, plural string) string {
		if pl {
			return plural
		}
		return sg
	}
	switch k := r.IntN(100); {
	case k < 34:
		t.word(conj("a", "ont"))
		if r.chance(15) {
			t.word(v.advs.pick(r))
		}
		t.word(v.verbs.pick(r).pp)
		g.np(t, 12)
		if r.chance(45) {
			g.pp(t)
		}
		if r.chance(25) {
			g.timeExpr(t)
		}
	case k < 46:
		vb := v.verbs.pick(r)
		t.word(conj(vb.p3, vb.p3pl))
		g.np(t, 12)
		if r.chance(40) {
			g.pp(t)
		}
	case k < 58:
		t.word(oneOf(r, []string{conj("va", "vont"), conj("devrait", "devraient"), conj("pourrait", "pourraient"), conj("doit", "doivent"), conj("peut", "peuvent"), conj("souhaite", "souhaitent"), conj("compte", "comptent"), conj("entend", "entendent")}))
		if r.chance(10) {
			t.word("également")
		}
		t.word(v.verbs.pick(r).inf)
		g.np(t, 12)
		if r.chance(35) {
			g.timeExpr(t)
		}
	case k < 66:
		t.word(oneOf(r, []string{conj("est", "sont"), conj("reste", "restent"), conj("était", "étaient"), conj("semble", "semblent"), conj("demeure", "demeurent")}))
		if r.chance(30) {
			t.word(oneOf(r, []string{"très", "encore", "déjà", "plus", "moins", "particulièrement", "toujours"}))
		}
		t.word(v.post.pick(r).form(fem, pl))
		if r.chance(50) {
			g.pp(t)
		}
	case k < 74:
		t.word(conj("a", "ont"))
		t.word("été")
		pp := v.verbs.pick(r).pp
		if fem {
			pp += "e"
		}
		if pl && !strings.HasSuffix(pp, "s") {
			pp += "s"
		}
		t.word(pp)
		if r.chance(60) {
			t.word("par")
			g.np(t, 20)
		} else {
			g.pp(t)
		}
	case k < 85:
		t.word(conj("a", "ont"))
		t.word(oneOf(r, []string{"décidé", "promis", "accepté", "refusé", "tenté", "proposé", "choisi", "prévu", "annoncé", "envisagé", "menacé", "demandé"}))
		t.word("de")
		t.word(v.verbs.pick(r).inf)
		g.np(t, 12)
		if r.chance(30) {
			g.pp(t)
		}
	case k < 93:
		t.word(conj("a", "ont"))
		t.word(oneOf(r, []string{"appelé", "invité", "poussé", "encouragé", "autorisé", "contraint", "incité", "aidé", "obligé"}))
		g.np(t, 25)
		t.word("à")
		t.word(v.verbs.pick(r).inf)
		g.np(t, 12)
	default:
		t.word(conj("a", "ont"))
		t.word(v.verbs.pick(r).pp)
		g.np(t, 12)
		t.word("et")
		t.word(v.verbs.pick(r).pp)
		g.np(t, 12)
	}
}

func (g *frGrammar) clause(t *text) {
	r := g.r
	if r.chance(8) {
		p := oneOf(r, []string{"il", "elle", "ils", "on"})
		t.word(p)
		g.vp(t, p == "elle", p == "ils")
		return
	}
	fem, pl := g.np(t, 22)
	g.vp(t, fem, pl)
}

func (g *frGrammar) tail(t *text) {
	r := g.r
	switch r.IntN(5) {
	case 0, 1:
		t.punct(",")
		t.words(g.v.subords.pick(r))
		g.clause(t)
	case 2:
		t.punct(",")
		t.word("qui")
		g.vp(t, false, false)
	case 3:
		t.words(oneOf(r, []string{"pour", "afin de", "dans le but de", "en vue de"}))
		t.word(g.v.verbs.pick(r).inf)
		g.np(t, 10)
	default:
		t.punct(",")
		t.words(oneOf(r, []string{"contre", "après", "soit"}))
		if r.chance(50) {
			g.pct(t)
		} else {
			g.money(t)
		}
		t.words(oneOf(r, []string{"un an plus tôt", "à le trimestre précédent", "la année dernière", "avant la crise"}))
	}
}

func (g *frGrammar) opener(t *text) {
	r := g.r
	switch r.IntN(10) {
	case 0, 1, 2, 3, 4:
		t.words(g.v.conns.pick(r))
	case 5, 6, 7:
		g.timeExpr(t)
		t.punct(",")
	default:
		if r.chance(50) {
			t.word("à")
			t.word(g.city)
		} else {
			t.word("en")
			t.word(g.country)
		}
		t.punct(",")
	}
}

func (g *frGrammar) sentence(t *text) {
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
		t.word("selon")
		if r.chance(50) {
			t.words(g.org().np)
		} else {
			g.simpleNP(t)
		}
		t.punct(",")
		g.clause(t)
		t.punct(".")
	case k < 76:
		t.words(oneOf(r, []string{"les analystes", "les économistes", "les investisseurs", "les syndicats", "plusieurs observateurs", "les habitants", "les marchés"}))
		t.words(oneOf(r, []string{"tablent sur", "redoutent", "attendent", "anticipent", "craignent", "espèrent"}))
		g.np(t, 10)
		if r.chance(50) {
			g.timeExpr(t)
		}
		t.punct(".")
	case k < 84:
		g.clause(t)
		t.punct(",")
		t.words(oneOf(r, []string{"mais", "et", "alors que", "tandis que", "mais"}))
		g.clause(t)
		t.punct(".")
	case k < 92:
		o := g.org()
		t.words(o.np)
		t.punct(",")
		t.word("qui")
		t.word(oneOf(r, []string{"a", "avait"}))
		t.word(g.v.verbs.pick(r).pp)
		g.np(t, 5)
		t.punct(",")
		g.vp(t, o.fem, false)
		t.punct(".")
	default:
		t.word(oneOf(r, []string{"cette", "la"}))
		t.word(oneOf(r, []string{"décision", "annonce", "mesure", "réforme", "proposition", "opération"}))
		t.words(oneOf(r, []string{"intervient alors que", "survient après que", "fait suite à", "arrive alors que", "tombe au moment où"}))
		switch t.last() {
		case "à", "de":
			g.simpleNP(t)
		default:
			g.clause(t)
		}
		t.punct(".")
	}
}

func (g *frGrammar) reported(t *text) {
	r := g.r
	pl := false
	switch r.IntN(4) {
	case 0, 1:
		p := g.person()
		if r.chance(50) {
			t.word(p.first)
		}
		t.word(p.last)
	case 2:
		t.words(g.org().np)
	default:
		_, pl = g.np(t, 0)
	}
	if pl {
		t.word("ont")
	} else {
		t.word("a")
	}
	t.words(g.v.report.pick(r))
	if r.chance(30) {
		g.timeExpr(t)
	}
	t.word("que")
	g.clause(t)
	if r.chance(30) {
		g.tail(t)
	}
	t.punct(".")
}

func (g *frGrammar) quoteClause(t *text) {
	r, v := g.r, g.v
	switch r.IntN(8) {
	case 0, 1:
		t.word("nous")
		t.words(oneOf(r, []string{"allons", "devons", "voulons", "pouvons", "espérons", "comptons", "ne pouvons pas", "ne voulons pas"}))
		t.word(v.verbs.pick(r).inf)
		g.np(t, 8)
		if r.chance(40) {
			g.pp(t)
		}
	case 2:
		t.words(oneOf(r, []string{"nous avons", "nous avons déjà", "nous ne avons pas", "personne ne a"}))
		t.word(v.verbs.pick(r).pp)
		g.np(t, 8)
	case 3:
		t.words(oneOf(r, []string{"ce est", "ce ne est pas", "ce était", "ce sera"}))
		n := g.noun()
		if n.fem {
			t.word("une")
		} else {
			t.word("un")
		}
		t.word(n.sg)
		t.word(v.post.pick(r).form(n.fem, false))
	case 4:
		t.words(oneOf(r, []string{"il faut", "il ne faut pas", "il est temps de", "il est urgent de"}))
		t.word(v.verbs.pick(r).inf)
		g.np(t, 8)
	case 5:
		n := g.noun()
		t.word(oneOf(r, []string{frDef(n.fem, false), "notre", "cette"}))
		if t.last() == "cette" && !n.fem {
			t.b = t.b[:len(t.b)-3]
		}
		t.word(n.sg)
		t.word(oneOf(r, []string{"reste", "est", "demeure", "semble"}))
		t.word(oneOf(r, []string{"très", "encore", "trop", "assez"}))
		t.word(v.post.pick(r).form(n.fem, false))
	case 6:
		t.words(oneOf(r, []string{"je pense que", "nous estimons que", "je crois que", "nous savons que"}))
		g.clause(t)
	default:
		g.clause(t)
	}
}

func (g *frGrammar) speakerName(t *text, p frPerson) {
	t.word(p.first)
	t.word(p.last)
}

func (g *frGrammar) quote(t *text) {
	r := g.r
	p := g.person()
	switch r.IntN(5) {
	case 0, 1, 2:
		t.open("« ")
		g.quoteClause(t)
		if r.chance(30) {
			t.punct(".")
			i := len(t.b)
			g.quoteClause(t)
			t.capFirst(i)
		}
		t.punct(" »,")
		t.word("a")
		t.words(g.v.report.pick(r))
		g.speakerName(t, p)
		if r.chance(70) {
			t.punct(",")
			t.words(p.role)
		}
		t.punct(".")
	case 3:
		g.speakerName(t, p)
		if r.chance(60) {
			t.punct(",")
			t.words(p.role)
			t.punct(",")
		}
		t.word("a")
		t.words(g.v.report.pick(r))
		t.punct(" :")
		t.open("« ")
		i := len(t.b)
		g.quoteClause(t)
		t.capFirst(i)
		t.punct(". »")
	default:
		t.open("« ")
		g.quoteClause(t)
		t.punct(" »,")
		pro := "il"
		if p.fem {
			pro = "elle"
		}
		t.word("a-t-" + pro)
		t.words(g.v.report.pick(r))
		if r.chance(40) {
			t.word("à")
			t.word(g.city)
		}
		t.punct(".")
	}
}

// French figure nouns: gender prefix and word.
var frFigures = frOrgs(`m:chiffre_d'affaires m:bénéfice m:résultat_net
m:taux_de_chômage m:déficit m:trafic m:pouvoir_d'achat f:production
f:consommation f:dette f:croissance f:demande m:nombre_de_passagers
f:masse_salariale m:excédent_commercial`)

func (g *frGrammar) figures(t *text) {
	r := g.r
	if r.chance(20) {
		t.words(g.org().np)
		t.words(oneOf(r, []string{"va supprimer", "prévoit de créer", "a annoncé la suppression de", "compte embaucher", "envisage de supprimer"}))
		if r.chance(40) {
			t.words(oneOf(r, []string{"près de", "plus de", "environ", "jusqu'à"}))
		}
		t.word(groupDigits(headcount(r), " "))
		t.word(oneOf(r, []string{"emplois", "postes", "salariés"}))
		if r.chance(50) {
			g.timeExpr(t)
		}
		t.punct(".")
		return
	}
	f := oneOf(r, frFigures)
	t.words(f.np)
	if r.chance(60) {
		t.word("de")
		t.words(g.org().np)
	} else if r.chance(50) {
		t.words("de la")
		t.word(oneOf(r, []string{"région", "zone", "ville", "filiale", "branche"}))
	}
	t.word("a")
	if r.chance(55) {
		t.word(g.v.up.pick(r).pp)
	} else {
		t.word(g.v.down.pick(r).pp)
	}
	t.word(oneOf(r, []string{"de", "de", "de près de", "de plus de", "de environ"}))
	g.pct(t)
	if r.chance(60) {
		g.timeExpr(t)
	}
	if r.chance(50) {
		t.punct(",")
		t.word(oneOf(r, []string{"à", "pour atteindre", "soit"}))
		g.money(t)
	}
	if r.chance(50) {
		t.punct(",")
		switch r.IntN(3) {
		case 0:
			t.word("a")
			t.words(g.v.report.pick(r))
			t.words(g.org().np)
		case 1:
			t.word("selon")
			g.simpleNP(t)
		default:
			t.words(oneOf(r, []string{"son plus haut niveau depuis", "son plus bas niveau depuis", "du jamais-vu depuis", "une première depuis"}))
			t.word(itoa(year(r)))
		}
	}
	t.punct(".")
}

func (g *frGrammar) title(t *text, short bool) {
	r, v := g.r, g.v
	switch r.IntN(4) {
	case 0, 1:
		t.words(g.org().np)
	case 2:
		t.word("la")
		t.word(g.country)
	default:
		t.words(oneOf(r, []string{"le gouvernement", "les syndicats", "les investisseurs", "la Banque centrale", "les agriculteurs"}))
	}
	pl := strings.HasPrefix(string(t.b), "les ")
	vb := v.verbs.pick(r)
	if pl {
		t.word(vb.p3pl)
	} else {
		t.word(vb.p3)
	}
	n := g.noun()
	npl := r.chance(30)
	t.word(frDef(n.fem, npl))
	t.word(n.form(npl))
	if r.chance(40) {
		t.word(v.post.pick(r).form(n.fem, npl))
	}
	if !short {
		switch r.IntN(4) {
		case 0:
			t.word("en")
			t.word(g.country)
		case 1:
			t.word("à")
			t.word(g.city)
		case 2:
			t.word(oneOf(r, []string{"malgré", "face à", "après", "sur fond de"}))
			g.simpleNP(t)
		}
	}
}

func (g *frGrammar) dateline(t *text) {
	r := g.r
	t.b = append(t.b, strings.ToUpper(g.city)...)
	t.b = append(t.b, ", "...)
	t.b = append(t.b, itoa(1+r.IntN(28))...)
	t.b = append(t.b, ' ')
	t.b = append(t.b, oneOf(r, frMonths)...)
	t.b = append(t.b, " ("...)
	t.b = append(t.b, oneOf(r, g.v.wires)...)
	t.b = append(t.b, ") -"...)
}
