package extract

import "testing"

// TestSite: a page's site name comes from its canonical link (else
// og:url) and og:site_name, and, where one of those is missing, from its
// stylesheets and icons; query strings, digit runs and case do not change
// it. Relative references alone name no site.
func TestSite(t *testing.T) {
	const body = "<body><h1>Headline</h1><p>Some text of the article, long enough to be one.</p></body></html>"
	head := func(tags string) string { return "<html><head><title>T</title>" + tags + "</head>" + body }
	const (
		canonical = `<link rel="canonical" href="https://www.example.com/2024/05/story-one/">`
		name      = `<meta property="og:site_name" content="Example  News">`
		styles    = `<link rel="stylesheet" href="/wp-content/themes/x/style.css?ver=6.4.2">` +
			`<link rel="stylesheet" href="/wp-content/uploads/elementor/css/post-1234.css">` +
			`<link rel="shortcut icon" href="/favicon.ico">`
	)
	ex := New(Options{})
	site := func(page string) string {
		ex.AppendText(nil, []byte(page))
		return ex.Site()
	}
	check := func(what, got, want string, same bool) {
		t.Helper()
		if (got == want) != same || got == "" {
			t.Errorf("%s: site %q, against %q (want the same: %v)", what, got, want, same)
		}
	}

	// A host and a site name: they name it, whatever the stylesheets.
	want := site(head(canonical + name + styles))
	if len(want) < len("~example.com~") || want[:len("~example.com~")] != "~example.com~" {
		t.Fatalf("site %q: want ~example.com~…", want)
	}
	for what, tags := range map[string]string{
		"another page of the site": `<link rel="canonical" href="https://example.com:443/2024/06/story-two/?utm=x">` +
			`<meta property="og:site_name" content="Example News">` + styles,
		"og:url instead of canonical":    `<meta property="og:url" content="https://www.example.com/2024/05/story-one/">` + name + styles,
		"og:url of the same host":        canonical + `<meta property="og:url" content="http://example.com/a">` + name,
		"other stylesheets":              canonical + name + `<link rel="stylesheet" href="/wp-content/plugins/y/y.css">`,
		"no stylesheets":                 canonical + name,
		"a second og:site_name":          canonical + name + `<meta property="og:site_name" content="Other">`,
		"links in the body":              canonical + name + `</head><body><link rel="stylesheet" href="/a.css"><head>`,
		"upper case, a host's final dot": `<link rel="CANONICAL" href="HTTPS://WWW.EXAMPLE.COM./x">` + name,
	} {
		check(what, site(head(tags)), want, true)
	}
	for what, tags := range map[string]string{
		"another host":                   `<link rel="canonical" href="https://other.example/2024/05/story-one/">` + name + styles,
		"another site name":              canonical + `<meta property="og:site_name" content="Other News">` + styles,
		"og:url of another host":         canonical + `<meta property="og:url" content="https://partner.example/copy">` + name + styles,
		"no site name, only stylesheets": canonical + styles,
		"no site name, only the host":    canonical,
		"a site name, no host":           name + styles,
	} {
		check(what, site(head(tags)), want, false)
	}

	// Without a site name, the stylesheets and icons count: they keep
	// apart the partners whose canonical links point at one original.
	withStyles := site(head(canonical + styles))
	for what, tags := range map[string]string{
		"query strings, digits and case": canonical + `<link rel="STYLESHEET" href="/WP-content/themes/x/style.css?ver=6.5">` +
			`<link rel="stylesheet" href="/wp-content/uploads/elementor/css/post-98.css">` + `<link rel="icon shortcut" href="/favicon.ico">`,
		"a stylesheet twice": canonical + styles + `<link rel="stylesheet" href="/wp-content/themes/x/style.css">`,
	} {
		check(what, site(head(tags)), withStyles, true)
	}
	for what, tags := range map[string]string{
		"another stylesheet": canonical + styles + `<link rel="stylesheet" href="/wp-content/plugins/y/y.css">`,
		"another icon":       canonical + styles + `<link rel="apple-touch-icon" href="/touch.png">`,
	} {
		check(what, site(head(tags)), withStyles, false)
	}
	a := site(head(`<link rel="canonical" href="https://wire.example/story"><link rel="stylesheet" href="https://a.example/site.css">`))
	b := site(head(`<link rel="canonical" href="https://wire.example/story"><link rel="stylesheet" href="https://b.example/site.css">`))
	check("two templates, one canonical host", a, b, false)

	// Neither a host nor a name: an absolute reference names the site,
	// relative ones alone do not (unrelated sites share them).
	if got := site(head(`<link rel="stylesheet" href="https://cdn.example/site.css"><link rel="icon" href="/favicon.ico">`)); got == "" {
		t.Error("an absolute stylesheet named no site")
	}
	for what, page := range map[string]string{
		"only a relative icon":      head(`<link rel="icon" href="/favicon.ico">`),
		"only relative stylesheets": head(`<link rel="stylesheet" href="/css/style.css"><link rel="stylesheet" href="css/theme.css">`),
		"no markup of the site":     head(`<meta name="description" content="x"><link rel="preload" href="/font.woff2">`),
		"relative canonical":        head(`<link rel="canonical" href="/story?via=https://partner.example/x">`),
		"empty hrefs":               head(`<link rel="canonical" href=""><link rel="stylesheet"><meta property="og:url" content="">`),
		"in a dropped element":      "<html><body><svg><link rel=stylesheet href=https://x.example/a.css></svg><template><link rel=canonical href=https://x.example/></template>" + body,
		"plain text":                "no markup at all",
	} {
		if got := site(page); got != "" {
			t.Errorf("%s: site %q, want none", what, got)
		}
	}
	// Reset between pages: a page after a named one is not named by it.
	site(head(canonical + name))
	if got := site(head("")); got != "" {
		t.Errorf("a page without site markup after one with it: site %q", got)
	}
}

func TestAppendHost(t *testing.T) {
	for in, want := range map[string]string{
		"https://www.Example.COM/a":            "example.com",
		"  http://user:pw@news.example:8080?x": "news.example",
		"//cdn.example/x.css":                  "cdn.example",
		"https://[2001:db8::1]:443/":           "[2001:db8::1]",
		"https://[2001:db8::1]/":               "[2001:db8::1]",
		"https://example.com./":                "example.com",
		"/relative/path":                       "",
		"/amp?via=https://partner.example/x":   "",
		"mailto:x@example.com":                 "",
		"www.example.com/no-scheme":            "",
		"://no-scheme.example/":                "",
		"1http://bad-scheme.example/":          "",
		"svn+ssh://repo.example/":              "repo.example",
	} {
		if got := string(appendHost(nil, []byte(in))); got != want {
			t.Errorf("appendHost(%q) = %q, want %q", in, got, want)
		}
	}
}
