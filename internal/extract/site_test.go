package extract

import "testing"

// TestSite: a page's site name comes from its canonical link (else
// og:url), og:site_name, stylesheets and icons; query strings, digit runs
// and case do not change it, and anything else named does.
func TestSite(t *testing.T) {
	const body = "<body><h1>Headline</h1><p>Some text of the article, long enough to be one.</p></body></html>"
	head := func(tags string) string { return "<html><head><title>T</title>" + tags + "</head>" + body }
	base := `<link rel="canonical" href="https://www.example.com/2024/05/story-one/">` +
		`<meta property="og:site_name" content="Example  News">` +
		`<link rel="stylesheet" href="/wp-content/themes/x/style.css?ver=6.4.2">` +
		`<link rel="stylesheet" href="/wp-content/uploads/elementor/css/post-1234.css">` +
		`<link rel="shortcut icon" href="/favicon.ico">`
	ex := New(Options{})
	name := func(page string) string {
		ex.AppendText(nil, []byte(page))
		return ex.Site()
	}
	want := name(head(base))
	if want == "" || want[:len("~example.com~")] != "~example.com~" {
		t.Fatalf("site %q: want ~example.com~…", want)
	}
	same := map[string]string{
		"another page of the site": `<link rel="canonical" href="https://example.com:443/2024/06/story-two/?utm=x">` +
			`<meta property="og:site_name" content="Example News">` +
			`<link rel="stylesheet" href="/wp-content/themes/x/style.css?ver=6.5">` +
			`<link rel="stylesheet" href="/wp-content/uploads/elementor/css/post-98.css">` +
			`<link rel="icon shortcut" href="/favicon.ico">`,
		"og:url instead of canonical":     `<meta property="og:url" content="https://www.example.com/2024/05/story-one/">` + base[len(`<link rel="canonical" href="https://www.example.com/2024/05/story-one/">`):],
		"the same stylesheet twice, case": base + `<link rel="STYLESHEET" href="/WP-content/themes/x/style.css">`,
		"links in the body": `<link rel="canonical" href="https://www.example.com/2024/05/story-one/">` +
			`<meta property="og:site_name" content="Example News">` + `</head><body><link rel="stylesheet" href="/wp-content/uploads/elementor/css/post-1.css">` +
			`<link rel="stylesheet" href="/wp-content/themes/x/style.css"><link rel="shortcut icon" href="/favicon.ico"><head>`,
	}
	for what, tags := range same {
		if got := name(head(tags)); got != want {
			t.Errorf("%s: site %q, want %q", what, got, want)
		}
	}
	differs := map[string]string{
		"another host":       `<link rel="canonical" href="https://other.example/2024/05/story-one/">` + base[len(`<link rel="canonical" href="https://www.example.com/2024/05/story-one/">`):],
		"another site name":  base + `<meta property="og:site_name" content="Other">`, // the first one counts: not this
		"another stylesheet": base + `<link rel="stylesheet" href="/wp-content/plugins/y/y.css">`,
		"another icon":       base + `<link rel="apple-touch-icon" href="/touch.png">`,
		"no stylesheets":     `<link rel="canonical" href="https://www.example.com/a"><meta property="og:site_name" content="Example News">`,
	}
	for what, tags := range differs {
		got := name(head(tags))
		if (got == want) != (what == "another site name") {
			t.Errorf("%s: site %q, against %q", what, got, want)
		}
	}
	// A cross-domain canonical: two sites' copies point to the original,
	// but their templates differ.
	a := name(head(`<link rel="canonical" href="https://wire.example/story"><link rel="stylesheet" href="https://a.example/site.css">`))
	b := name(head(`<link rel="canonical" href="https://wire.example/story"><link rel="stylesheet" href="https://b.example/site.css">`))
	if a == b {
		t.Errorf("two templates, one canonical host: both named %q", a)
	}
	for what, page := range map[string]string{
		"no markup of the site": head(`<meta name="description" content="x"><link rel="preload" href="/font.woff2">`),
		"relative canonical":    head(`<link rel="canonical" href="/story">`),
		"empty hrefs":           head(`<link rel="canonical" href=""><link rel="stylesheet"><meta property="og:url" content="">`),
		"in a dropped element":  "<html><body><svg><link rel=stylesheet href=/a.css></svg><template><link rel=canonical href=https://x.example/></template>" + body,
		"plain text":            "no markup at all",
	} {
		if got := name(page); got != "" {
			t.Errorf("%s: site %q, want none", what, got)
		}
	}
	// Reset between pages: a page after a named one is not named by it.
	name(head(base))
	if got := name(head("")); got != "" {
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
		"/relative/path":                       "",
		"mailto:x@example.com":                 "",
		"www.example.com/no-scheme":            "",
	} {
		if got := string(appendHost(nil, []byte(in))); got != want {
			t.Errorf("appendHost(%q) = %q, want %q", in, got, want)
		}
	}
}
