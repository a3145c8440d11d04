package corpus

import "unicode/utf8"

type zhVocab struct {
	nouns, verbs, adjs, advs list[string]
	times, conns             list[string]
	surnames, given, roles   []string
	cityH, cityT, brands     []string
	latin, industries        []string
	suffixes, agencies       []string
	countries, wires         []string
}

var zhVoc = lazy[zhVocab]{mk: func() *zhVocab {
	v := &zhVocab{}
	v.nouns = strList(zhNouns, 6)
	v.verbs = strList(zhVerbs, 5)
	v.adjs = strList(zhAdjs, 4)
	v.advs = strList(zhAdverbs, 3)
	v.times = strList(zhTimes, 3)
	v.conns = strList(zhConns, 3)
	v.surnames, v.given, v.roles = fields(zhSurnames), fields(zhGiven), fields(zhRoles)
	v.cityH, v.cityT = fields(zhCityHeads), fields(zhCityTails)
	v.brands, v.latin = fields(zhBrands), fields(zhLatinBrands)
	v.industries, v.suffixes = fields(zhIndustries), fields(zhCompanySuffix)
	v.agencies, v.countries, v.wires = fields(zhAgencies), fields(zhCountries), fields(zhWires)
	return v
}}

type zhPerson struct{ name, role string }

type zhGrammar struct {
	r       *Rand
	v       *zhVocab
	people  [3]zhPerson
	orgs    [3]string
	city    string
	country string
}

func newZhGrammar(r *Rand) grammar { return &zhGrammar{r: r, v: zhVoc.get()} }

var (
	zhOrd    = []string{"第一", "第二", "第三", "第四"}
	zhDigits = []string{"两", "三", "四", "五", "六", "十"}
)

func (g *zhGrammar) company() string {
	r, v := g.r, g.v
	if r.chance(12) {
		return oneOf(r, v.latin) + oneOf(r, []string{"公司", "集团", "中国公司"})
	}
	return oneOf(r, v.brands) + oneOf(r, v.industries) + oneOf(r, v.suffixes)
}

func (g *zhGrammar) agency() string {
	r := g.r
	switch r.IntN(3) {
	case 0:
		return g.city + oneOf(r, []string{"政府", "统计局", "发改委", "商务局", "交通局"})
	case 1:
		return g.country + oneOf(r, g.v.agencies)
	}
	return oneOf(r, g.v.agencies)
}

func (g *zhGrammar) newPerson() zhPerson {
	r, v := g.r, g.v
	name := oneOf(r, v.surnames) + oneOf(r, v.given)
	if r.chance(60) {
		name += oneOf(r, v.given)
	}
	var role string
	switch r.IntN(6) {
	case 0:
		role = g.city + oneOf(r, []string{"市长", "副市长", "发改委主任"})
	case 1:
		role = oneOf(r, []string{"某大学", "社科院", "研究院"})
		if role == "某大学" {
			role = g.city + "大学"
		}
		role += oneOf(r, []string{"教授", "研究员", "副院长"})
	default:
		role = g.org() + oneOf(r, v.roles)
	}
	return zhPerson{name: name, role: role}
}

func (g *zhGrammar) reset() {
	r, v := g.r, g.v
	g.country = oneOf(r, v.countries)
	g.city = oneOf(r, v.cityH) + oneOf(r, v.cityT) + "市"
	g.orgs[0] = g.company()
	g.orgs[1] = g.company()
	g.orgs[2] = g.agency()
	for i := range g.people {
		g.people[i] = g.newPerson()
	}
}

func (g *zhGrammar) org() string {
	if g.orgs[0] == "" || g.r.chance(25) {
		if g.r.chance(70) {
			return g.company()
		}
		return g.agency()
	}
	return oneOf(g.r, g.orgs[:])
}

func (g *zhGrammar) person() zhPerson {
	if g.r.chance(20) {
		return g.newPerson()
	}
	return oneOf(g.r, g.people[:])
}

func (g *zhGrammar) adj(t *text) {
	a := g.v.adjs.pick(g.r)
	t.word(a)
	if utf8.RuneCountInString(a) > 1 && g.r.chance(60) {
		t.word("的")
	}
}

// np appends a noun phrase.
func (g *zhGrammar) np(t *text, proper int) {
	r, v := g.r, g.v
	k := r.IntN(100)
	switch {
	case k < proper:
		t.word(g.org())
		return
	case k < proper*3/2:
		t.word(g.person().name)
		return
	}
	if r.chance(18) {
		switch r.IntN(3) {
		case 0:
			t.word(g.city)
		case 1:
			t.word(g.org())
		default:
			t.word(oneOf(r, []string{"该", "这一", "多项", "相关", "一批"}))
		}
		if t.last() != "该" && t.last() != "这一" && t.last() != "多项" && t.last() != "相关" && t.last() != "一批" {
			t.word("的")
		}
	}
	if r.chance(35) {
		g.adj(t)
	}
	t.word(v.nouns.pick(r))
	if r.chance(15) {
		t.word(oneOf(r, []string{"和", "与", "及", "、"}))
		t.word(v.nouns.pick(r))
	}
}

func (g *zhGrammar) timeExpr(t *text) {
	r := g.r
	switch r.IntN(7) {
	case 0, 1:
		t.word(g.v.times.pick(r))
	case 2:
		t.word(itoa(1+r.IntN(12)) + "月" + itoa(1+r.IntN(28)) + "日")
	case 3:
		t.word(itoa(year(r)) + "年")
	case 4:
		t.word(oneOf(r, []string{"今年", "去年", ""}) + zhOrd[r.IntN(4)] + "季度")
	case 5:
		t.word("今年" + itoa(1+r.IntN(12)) + "月")
	default:
		t.word("过去" + oneOf(r, zhDigits) + oneOf(r, []string{"年", "个月", "周"}))
	}
}

func (g *zhGrammar) pct() string { return decimal(smallTenths(g.r), ".") + "%" }

func (g *zhGrammar) money() string {
	r := g.r
	cur := oneOf(r, []string{"元", "元", "元", "美元", "欧元"})
	switch r.IntN(3) {
	case 0:
		return decimal(10+r.IntN(990), ".") + "亿" + cur
	case 1:
		return itoa(100+r.IntN(9900)) + "万" + cur
	}
	return decimal(11+r.IntN(80), ".") + "万亿" + cur
}

func (g *zhGrammar) vp(t *text) {
	r, v := g.r, g.v
	switch k := r.IntN(100); {
	case k < 38:
		if r.chance(35) {
			t.word(v.advs.pick(r))
		}
		t.word(v.verbs.pick(r))
		if r.chance(40) {
			t.word("了")
		}
		g.np(t, 12)
	case k < 52:
		t.word(oneOf(r, []string{"将", "计划", "准备", "打算", "拟", "有望", "正在", "决定"}))
		t.word(v.verbs.pick(r))
		g.np(t, 12)
	case k < 60:
		t.word("对")
		g.np(t, 15)
		t.word(oneOf(r, []string{"进行", "开展", "展开", "加强"}))
		t.word(v.verbs.pick(r))
	case k < 68:
		t.word(v.verbs.pick(r))
		t.word("了")
		t.word(oneOf(r, []string{"一批", "一系列", "多项", "新一轮", "大量", "部分"}))
		g.np(t, 0)
	case k < 74:
		t.word("被")
		g.np(t, 30)
		t.word(v.verbs.pick(r))
	case k < 81:
		t.word(oneOf(r, []string{"与", "同", "和"}))
		g.np(t, 50)
		t.word(oneOf(r, []string{"签署了", "达成了", "就"}))
		if t.last() == "就" {
			g.np(t, 0)
			t.word(oneOf(r, []string{"进行了磋商", "达成一致", "展开合作"}))
		} else {
			t.word(v.nouns.pick(r))
			t.word(oneOf(r, []string{"协议", "合同", "备忘录", "框架"}))
		}
	case k < 90:
		t.word("在")
		if r.chance(50) {
			t.word(g.city)
		} else {
			g.np(t, 0)
			t.word(oneOf(r, []string{"方面", "领域", "过程中", "问题上"}))
		}
		t.word(v.verbs.pick(r))
		g.np(t, 12)
	default:
		t.word(v.verbs.pick(r))
		g.np(t, 12)
		t.word("，")
		t.word(oneOf(r, []string{"并", "同时", "还", "进一步"}))
		t.word(v.verbs.pick(r))
		g.np(t, 12)
	}
}

func (g *zhGrammar) clause(t *text) {
	g.np(t, 25)
	g.vp(t)
}

func (g *zhGrammar) sentence(t *text) {
	r, v := g.r, g.v
	switch k := r.IntN(100); {
	case k < 26:
		if r.chance(35) {
			if r.chance(50) {
				t.word(v.conns.pick(r))
			} else {
				g.timeExpr(t)
			}
			t.word("，")
		}
		g.clause(t)
		t.word("。")
	case k < 40:
		if r.chance(50) {
			p := g.person()
			t.word(p.role)
			t.word(p.name)
		} else {
			t.word(g.org())
		}
		t.word(oneOf(r, []string{"表示", "认为", "指出", "强调", "透露", "称", "介绍说", "预计"}))
		t.word("，")
		g.clause(t)
		t.word("。")
	case k < 54:
		g.quote(t)
	case k < 64:
		g.figures(t)
	case k < 70:
		t.word("据")
		t.word(g.org())
		t.word(oneOf(r, []string{"消息", "统计", "数据", "报告", "介绍", "通报"}))
		t.word("，")
		g.clause(t)
		t.word("。")
	case k < 78:
		g.clause(t)
		t.word("，")
		t.word(oneOf(r, []string{"但", "而", "同时", "因此", "不过"}))
		g.clause(t)
		t.word("。")
	case k < 85:
		t.word(oneOf(r, []string{"为了", "为", "为进一步"}))
		t.word(v.verbs.pick(r))
		g.np(t, 0)
		t.word("，")
		g.clause(t)
		t.word("。")
	case k < 92:
		g.np(t, 40)
		t.word(oneOf(r, []string{"计划", "预计", "力争", "争取"}))
		t.word("在")
		t.word(itoa(year(r)) + "年")
		t.word(oneOf(r, []string{"前", "底前", "以前"}))
		t.word(v.verbs.pick(r))
		g.np(t, 5)
		t.word("。")
	default:
		t.word(oneOf(r, []string{"目前", "截至目前", "截至" + itoa(1+r.IntN(12)) + "月底"}))
		t.word("，")
		g.np(t, 20)
		t.word(oneOf(r, []string{"已经", "尚未", "仍在"}))
		t.word(v.verbs.pick(r))
		g.np(t, 5)
		t.word("。")
	}
}

func (g *zhGrammar) quoteClause(t *text) {
	r, v := g.r, g.v
	switch r.IntN(6) {
	case 0, 1:
		t.word("我们")
		t.word(oneOf(r, []string{"将", "会", "正在", "必须", "希望", "计划", "不会"}))
		t.word(v.verbs.pick(r))
		g.np(t, 8)
	case 2:
		t.word(oneOf(r, []string{"这是", "这将是", "这不是", "这是"}))
		t.word(oneOf(r, []string{"一个", "一项", "一次", "一种"}))
		g.adj(t)
		t.word(v.nouns.pick(r))
	case 3:
		t.word(v.nouns.pick(r))
		t.word(oneOf(r, []string{"仍然", "依然", "已经", "目前"}))
		t.word(oneOf(r, []string{"十分", "比较", "非常", "相当"}))
		t.word(v.adjs.pick(r))
	case 4:
		t.word(oneOf(r, []string{"我认为", "我们相信", "我看到", "我们判断"}))
		t.word("，")
		g.clause(t)
	default:
		g.clause(t)
	}
}

func (g *zhGrammar) quote(t *text) {
	r := g.r
	p := g.person()
	switch r.IntN(3) {
	case 0:
		t.word(p.role)
		t.word(p.name)
		switch r.IntN(3) {
		case 0:
			t.word(oneOf(r, []string{"近日在", "日前在", "此前在"}))
			t.word(oneOf(r, []string{g.city, g.country, g.org()}))
		case 1:
			t.word("在")
			t.word(g.city)
			t.word(oneOf(r, []string{"举行的", "召开的"}))
			t.word(g.v.nouns.pick(r))
			t.word(oneOf(r, []string{"会议上", "论坛上", "发布会上"}))
		}
		t.word(oneOf(r, []string{"表示", "说", "强调"}))
		t.word("：“")
		g.quoteClause(t)
		t.word("。”")
	case 1:
		t.word("“")
		g.quoteClause(t)
		if r.chance(30) {
			t.word("，")
			g.quoteClause(t)
		}
		t.word("，”")
		t.word(p.role)
		t.word(p.name)
		t.word(oneOf(r, []string{"说", "表示", "补充说"}))
		t.word("。")
	default:
		t.word(p.name)
		t.word(oneOf(r, []string{"指出", "认为", "强调"}))
		t.word("，")
		t.word(oneOf(r, []string{"“", ""}))
		open := t.last() == "“"
		g.quoteClause(t)
		if open {
			t.word("”")
		}
		t.word("。")
	}
}

var zhFigures = fields(`营收 净利润 利润 销量 出口额 进口额 产量 订单量 客流量
营业收入 交易额 投资额 税收收入 财政收入 居民收入 消费额 用电量 货运量`)

func (g *zhGrammar) figures(t *text) {
	r := g.r
	if r.chance(45) {
		g.timeExpr(t)
		t.word("，")
	}
	switch r.IntN(3) {
	case 0:
		t.word(g.org())
	case 1:
		t.word(g.city)
	default:
		t.word(g.country)
	}
	if r.chance(50) {
		t.word("的")
	}
	t.word(oneOf(r, zhFigures))
	t.word(oneOf(r, []string{"同比", "环比", "同比"}))
	t.word(oneOf(r, []string{"增长", "下降", "上涨", "下滑", "增加", "减少"}))
	t.word(g.pct())
	if r.chance(55) {
		t.word("，")
		t.word(oneOf(r, []string{"达到", "至", "总额为", "约为"}))
		t.word(g.money())
	}
	if r.chance(15) {
		t.word("，")
		switch r.IntN(3) {
		case 0:
			t.word("创" + itoa(year(r)) + "年以来")
			t.word(oneOf(r, []string{"新高", "新低"}))
		case 1:
			t.word("为近" + oneOf(r, zhDigits) + "年")
			t.word(oneOf(r, []string{"最高", "最低", "最好", "最差"}))
		default:
			t.word(oneOf(r, []string{"好于", "低于", "高于", "接近"}))
			t.word(oneOf(r, []string{"市场预期", "分析师预期", "去年水平", "此前预测"}))
		}
	}
	t.word("。")
}

func (g *zhGrammar) title(t *text, short bool) {
	r, v := g.r, g.v
	if !short && r.chance(25) {
		t.word(g.city)
		t.word("：")
	}
	switch r.IntN(3) {
	case 0:
		t.word(g.org())
	case 1:
		t.word(g.country)
	default:
		t.word(v.nouns.pick(r))
	}
	t.word(v.verbs.pick(r))
	if r.chance(50) {
		t.word(v.adjs.pick(r))
	}
	t.word(v.nouns.pick(r))
	if !short && r.chance(40) {
		t.word(oneOf(r, []string{"，", " "}))
		t.word(v.nouns.pick(r))
		t.word(oneOf(r, []string{"或", "将", "有望", "仍"}))
		t.word(v.verbs.pick(r))
	}
}

func (g *zhGrammar) dateline(t *text) {
	r := g.r
	t.b = append(t.b, "（"...)
	t.b = append(t.b, oneOf(r, g.v.wires)...)
	t.b = append(t.b, g.city...)
	t.b = append(t.b, itoa(1+r.IntN(12))...)
	t.b = append(t.b, "月"...)
	t.b = append(t.b, itoa(1+r.IntN(28))...)
	t.b = append(t.b, "日电）"...)
}
