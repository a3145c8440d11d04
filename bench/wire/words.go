package wire

// Word lists for sites, page templates, local paragraphs, invented
// headlines and edits. Everything here was written for this package; the
// place, brand, street and person names are invented by combining
// syllables.

var (
	placeHeads = []string{"Amber", "Bram", "Cobble", "Dove", "Elm", "Fal", "Gran", "Heron", "Iver", "Juniper",
		"Kes", "Lin", "Marl", "Nether", "Orch", "Pell", "Quen", "Rook", "Sedge", "Tarn", "Umber", "Vant",
		"Wick", "Yew", "Ashen", "Bright", "Cinder", "Ferring", "Gorse", "Hollow", "Kettle", "Lark"}
	placeTails = []string{"bay", "brook", "by", "cliff", "dale", "field", "ford", "gate", "haven", "holm",
		"hurst", "mere", "moor", "mouth", "port", "ridge", "stead", "ton", "vale", "wick"}

	firstNames = []string{"Alma", "Bruno", "Carla", "Dario", "Edith", "Felipe", "Greta", "Hugo", "Ines",
		"Jonas", "Kira", "Lionel", "Marta", "Nils", "Odile", "Pavel", "Rosa", "Stellan", "Tilde", "Ugo",
		"Vesna", "Walter", "Yvette", "Zeno", "Agnes", "Boris", "Celia", "Emil", "Frida", "Gustav"}
	surnameHeads = []string{"Brack", "Corm", "Dell", "Ebbing", "Foss", "Gilder", "Hask", "Ingle", "Jarr",
		"Kemble", "Lowther", "Mable", "Nutt", "Orrin", "Pask", "Rundle", "Stave", "Thistle", "Varn", "Whit"}
	surnameTails = []string{"ham", "ley", "more", "son", "wood", "well", "ridge", "er", "worth", "ington"}

	streetKinds = []string{"Street", "Road", "Avenue", "Lane", "Way", "Parade", "Row", "Hill"}

	weekdays = []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
)

// Brand names: each pattern is filled with an invented place name P.
var (
	brandPapers = []string{"Courier", "Gazette", "Chronicle", "Observer", "Sentinel", "Tribune", "Examiner",
		"Ledger", "Post", "Times", "Star", "Record", "Bulletin", "Advertiser", "Echo", "Mercury"}
	brandRegions = []string{"Coastal", "Valley", "Lakeside", "Northern", "Capital", "River", "Harbour",
		"Highland", "Prairie", "Metro", "Southside", "Tri-County"}
	brandOutlets = []string{"Voice", "Times", "Weekly", "Report", "Daily", "Press", "Journal", "Insider",
		"Now", "Today", "Live", "Wire Digest"}
	tlds = []string{"com", "com", "com", "com", "net", "news", "co.uk", "com.au", "ca", "org", "info",
		"online", "co.nz", "ie"}
)

// Wire services: the agencies whose stories are syndicated. The names are
// invented.
var wireServices = []struct{ name, host string }{
	{"Wirecast", "wirecast.net"},
	{"Tidemark Press", "www.tidemarkpress.com"},
	{"Orbital News Service", "orbitalnews.org"},
}

// Navigation and furniture.
var (
	navItems = []string{"News", "Local", "Business", "Sports", "Weather", "Opinion", "Entertainment",
		"Lifestyle", "Health", "Politics", "World", "Tech", "Obituaries", "Events", "Classifieds", "Jobs",
		"Real Estate", "Video", "Podcasts", "Travel", "Food", "Education", "Crime", "Arts", "Puzzles",
		"Motoring", "Science", "Climate", "Money", "Community"}
	navTail = []string{"Subscribe", "Sign in", "E-edition", "Contact", "Newsletters", "Donate", "Search",
		"Log in", "Register", "My account"}
	navSeps = []string{" | ", " · ", " / ", "  ", " • ", "\n"}

	taglines = []string{
		"Local news, weather and sports",
		"Your news. Your community.",
		"Independent journalism since %d",
		"News that matters to %s",
		"Breaking news, every day",
		"Trusted by readers since %d",
		"The voice of %s",
		"Read local. Think global.",
		"Serving %s and the surrounding area",
	}
	accountLines = []string{
		"Sign in | Subscribe",
		"Log in · Register · Subscribe for $1",
		"Subscribe now: your first month is free",
		"Already a subscriber? Sign in",
		"Support local journalism. Subscribe today.",
		"Hello, reader | Manage account | Sign out",
	}
	cookieBanners = []string{
		"We use cookies and similar technologies to personalise content and advertising, to provide social media features and to understand how our site is used. By selecting Accept all you agree to this use; you can change your choices at any time under Cookie settings.\nAccept all | Reject all | Manage preferences",
		"This website stores small files on your device to remember your settings, measure readership and show advertising that may interest you. Some of these files are placed by our partners. Read our cookie notice to find out more.\nI agree | Customise",
		"Your privacy matters to us. We and our advertising partners process personal data such as device identifiers and browsing activity to deliver, measure and improve our services and the ads you see.\nAccept | Decline | More options",
	}
	promoLines = []string{
		"Breaking news alerts: get the biggest stories as they happen. Turn on notifications",
		"Download the %s app for the latest headlines on the go",
		"Listen to our daily news podcast, out every weekday morning",
		"Got a story tip? Email the newsroom or send us a message",
		"Advertisement",
	}
	shareLines = []string{
		"Share this article: Facebook | X | WhatsApp | Email",
		"Share · Tweet · Email · Print",
		"Share on Facebook  Share on X  Copy link",
		"Print this story | Email this story | Comments (0)",
		"Like this story? Share it with a friend.",
	}
	relatedHeadings = []string{"Related stories", "Trending now", "Recommended for you", "Most read",
		"More from %s", "You may also like", "Popular this week", "Latest news", "Top stories",
		"Don't miss", "Editor's picks", "More in News"}
	readAlsoLabels = []string{"Read also:", "READ MORE:", "Related:", "See also:", "ALSO READ:", "More:"}
	bullets        = []string{"- ", "• ", "", "» ", "> "}

	newsletterLines = []string{
		"Get the %s morning newsletter: the day's top stories, delivered to your inbox before 7am. Sign up",
		"Never miss a story. Sign up for our free daily newsletter.",
		"Sign up for the %s briefing. Enter your email address | Subscribe",
		"The %s weekly newsletter arrives every Friday. It's free.",
	}
	socialLines = []string{
		"Follow us: Facebook · Instagram · X · YouTube · TikTok",
		"Find us on Facebook, Instagram and LinkedIn",
		"Connect with us | Facebook | X | RSS",
	}
	companyLines = []string{
		"About us | Careers | Advertise | Contact | Corrections | Accessibility",
		"About %s | Work with us | Advertising | Reader help",
		"Our team | Ethics policy | Submit a letter | Send a news tip",
	}
	legalLines = []string{
		"Material on this site may not be reproduced, distributed, transmitted, cached or otherwise used, except with the prior written permission of %s.",
		"Some content on this site is supplied by syndication partners, including Wirecast, Tidemark Press and Orbital News Service, and is used under licence.",
		"%s is committed to accurate reporting. If you believe we have made an error, please contact the editor. Complaints about our journalism can also be sent to the press standards council.",
	}
	appLines = []string{
		"Download our app on the App Store and Google Play",
		"Read the digital edition on any device. Try it free for 30 days",
	}
	policyLinks = []string{"Privacy policy", "Terms of use", "Cookie settings", "Contact", "Terms of service",
		"Privacy notice", "Do not sell my personal information", "Site map", "Help", "Accessibility",
		"Contact us", "Manage cookies"}
	copyrightLines = []string{
		"© {YEAR} %s. All rights reserved.",
		"Copyright © {YEAR} %s Media Group",
		"Copyright {YEAR} %s. All rights reserved.",
		"© %s {YEAR}",
		"© {YEAR} %s, a division of Regional Newspapers Ltd.",
	}
	sitemapGroups = []string{
		"News: Local · National · World · Politics · Courts · Education",
		"Sport: Football · Rugby · Cricket · Basketball · Racing · Results",
		"Business: Markets · Property · Jobs · Small business · Personal finance",
		"Life: Food and drink · Travel · Health · Homes · Gardening · Pets",
		"Entertainment: Film · Music · TV · Books · What's on",
		"Opinion: Editorials · Columns · Letters to the editor",
		"Services: Place an ad · Public notices · Death notices · Archives",
	}
	sections = []string{"news", "news", "news", "news", "news", "story", "article", "world", "business", "national"}
)

// Local paragraphs added to copies. Slots: {City} {Brand} {Day} {N}
// {Office} {Person} {Shop}.
var (
	localTemplates = []string{
		"In {City}, the news was met with caution. The {Office} said it was still studying the details and would brief residents at a public meeting on {Day}.",
		"{Brand} asked the {Office} whether the change would affect {City}. A spokesperson said it was too early to say.",
		"Closer to home, about {N} businesses in {City} could be affected, according to figures from the local chamber of commerce.",
		"Readers in {City} can follow our live coverage on the {Brand} app and in the morning newsletter.",
		"{Person}, who runs a {Shop} in {City}, told {Brand} the decision would be felt \"within weeks\" by families in the area.",
		"The {City} {Office} is expected to discuss the issue at its meeting on {Day} evening, which is open to the public.",
		"Editor's note: this story has been updated with comments from officials in {City}.",
		"{Brand} has contacted {Person}, the {City} representative, for comment and will update this story.",
		"For {City}, where about {N} people work in the sector, the stakes are high, local leaders said on {Day}.",
		"What does it mean for {City}? Our reporters will look at the local impact in a special report on {Day}.",
	}
	offices = []string{"city council", "county board", "mayor's office", "chamber of commerce", "school board",
		"regional development office", "port authority", "transport department", "planning committee"}
	shops = []string{"bakery", "hardware store", "garage", "cafe", "bookshop", "flower shop", "butcher's shop",
		"pharmacy", "bike shop"}
)

// Invented headlines for related lists and digests. Slots as above plus
// {Street} {Venue} {Ord} {Age} {Food} {Team}.
var (
	headlineTemplates = []string{
		"{City} council delays vote on new parking garage",
		"High school {Team} team heads to state finals",
		"Five things to do this weekend in {City}",
		"Police seek witnesses after break-in on {Street}",
		"{City} library to extend opening hours from next month",
		"Road closures planned for {Street} resurfacing work",
		"Local bakery wins regional {Food} contest",
		"New {Venue} opens downtown after two-year wait",
		"Weather: rain and strong winds expected through {Day}",
		"School board approves ${N} million budget",
		"{Person} named new principal at {City} High",
		"Farmers market returns to the town square on {Day}",
		"Volunteers clean up riverbank near {Street}",
		"Residents oppose plan for {N} homes near {City} park",
		"Hospital opens new children's wing",
		"Traffic: delays on the ring road after crash",
		"Opinion: {City} deserves better bus services",
		"Obituary: {Person}, longtime shop owner, dies at {Age}",
		"Photos: spring fair draws crowds to {City}",
		"Quiz: how well do you know {City}?",
		"How to save on energy bills this winter",
		"{N} restaurants to try this month",
		"Storm warning issued for coastal counties",
		"Water main break closes {Street}",
		"Mayor {Person} unveils plan to fix potholes",
		"Youth orchestra to perform at the {Venue} on {Day}",
		"House prices in {City} rise for {Ord} month in a row",
		"Festival organisers expect record turnout",
		"Gallery: the best pets of the week",
		"Fire crews tackle blaze at {City} warehouse",
		"{City} FC sign striker on two-year deal",
		"Letters: readers on the {Street} cycle lane",
	}
	venues = []string{"arts centre", "cinema", "sports hall", "food hall", "concert hall", "climbing gym", "market hall"}
	foods  = []string{"pie", "bread", "cheese", "cake", "chili", "pastry"}
	teams  = []string{"robotics", "debate", "chess", "basketball", "rowing", "quiz"}
	ords   = []string{"second", "third", "fourth", "fifth", "sixth"}
)

// Digest furniture.
var (
	digestTitles = []string{
		"Morning briefing: {Day}, {Date}",
		"Your {Brand} briefing for {Day}",
		"What you need to know today, {Date}",
		"The morning rundown: {Date}",
		"Five things to know this {Day} morning",
		"News in brief: {Date}",
	}
	digestIntros = []string{
		"Good morning. Here are the stories making news today.",
		"Good morning, and welcome to your daily briefing. Here is what happened overnight.",
		"Short on time? Here is everything you need to know to start your {Day}.",
		"These are the stories our editors are following this morning.",
	}
	digestOutros = []string{
		"That's all for this morning. See you tomorrow.",
		"Have a good {Day}. Forwarded this briefing? Sign up to get it every morning.",
		"Thanks for reading. Reply to this email to tell us what you think.",
		"More news throughout the day at {Brand}.",
	}
)

// Truncation markers that end a shortened copy.
var truncMarkers = []string{"Read more…", "Continue reading", "Read the full story", "Click here to read more",
	"Continue reading →", "[…]", "Read more at the source", "(Full story continues)"}

// Title prefixes injected by sites.
var spamPrefixes = []string{"BREAKING: ", "Exclusive: ", "UPDATE: ", "JUST IN: ", "WATCH: ", "LIVE: ", "Latest: "}

// synonyms maps a lower-case word to replacements an editor might use.
// Replacements are single words so that an edit changes exactly one word.
var synonyms = map[string][]string{
	"said": {"stated", "noted"}, "added": {"continued", "noted"}, "told": {"informed"},
	"company": {"firm"}, "firm": {"company"}, "government": {"administration"},
	"nearly": {"almost"}, "almost": {"nearly"}, "roughly": {"about", "around"},
	"about": {"around", "roughly"}, "around": {"about"},
	"many": {"numerous"}, "big": {"large"}, "large": {"big", "sizeable"}, "small": {"modest", "little"},
	"major": {"big", "leading"}, "key": {"main", "central"}, "main": {"key", "principal"},
	"plan": {"proposal", "scheme"}, "plans": {"proposals", "schemes"}, "deal": {"agreement"},
	"agreement": {"accord", "deal"}, "workers": {"employees", "staff"}, "employees": {"staff", "workers"},
	"staff": {"employees"}, "city": {"town"}, "buy": {"purchase"}, "bought": {"purchased"},
	"sold": {"offloaded"}, "announced": {"unveiled"}, "unveiled": {"announced"},
	"rejected": {"dismissed"}, "approved": {"backed", "endorsed"}, "backed": {"supported"},
	"warned": {"cautioned"}, "expected": {"anticipated"}, "began": {"started"}, "started": {"began"},
	"officials": {"authorities"}, "prices": {"costs"}, "sharply": {"steeply"}, "slightly": {"marginally"},
	"significantly": {"considerably"}, "rapidly": {"quickly"}, "quickly": {"rapidly"},
	"largely": {"mostly"}, "mostly": {"largely"}, "mainly": {"chiefly"}, "currently": {"presently"},
	"previously": {"earlier"}, "later": {"afterwards"}, "soon": {"shortly"}, "eventually": {"ultimately"},
	"finally": {"ultimately"}, "immediately": {"instantly"}, "important": {"significant"},
	"significant": {"substantial"}, "difficult": {"hard", "tough"}, "cheap": {"inexpensive"},
	"expensive": {"costly"}, "costly": {"expensive"}, "rapid": {"swift"}, "sudden": {"abrupt"},
	"strong": {"robust"}, "weak": {"feeble"}, "recent": {"latest"}, "final": {"last"},
	"rose": {"climbed"}, "climbed": {"rose"}, "fell": {"dropped"}, "dropped": {"fell"},
	"increase": {"rise"}, "decline": {"fall", "drop"}, "however": {"but"}, "also": {"too"},
	"report": {"study"}, "residents": {"locals"}, "investors": {"shareholders"}, "help": {"aid"},
	"new": {"fresh"}, "month": {"period"},
	"reduce": {"cut", "lower"}, "raise": {"lift", "increase"}, "boost": {"lift"},
	"while": {"whereas"}, "although": {"though"}, "country": {"nation"},
	"countries": {"nations"}, "companies": {"firms"}, "increased": {"grew", "rose"},
	"launched": {"started"}, "approve": {"endorse"}, "reject": {"dismiss"}, "expand": {"grow", "widen"},
	"review": {"examine"}, "jobs": {"positions"}, "positions": {"jobs"}, "market": {"marketplace"},
	"minister": {"secretary"}, "spokesman": {"spokesperson"}, "spokeswoman": {"spokesperson"},
	"reporters": {"journalists"}, "analysts": {"experts"}, "economy": {"economics"},
	// Spelling variants, as a site in another country would print them.
	"criticized": {"criticised"}, "criticize": {"criticise"}, "organize": {"organise"},
	"modernize": {"modernise"}, "analyze": {"analyse"}, "analyzed": {"analysed"},
	"canceled": {"cancelled"}, "harbor": {"harbour"}, "defense": {"defence"}, "program": {"programme"},
	"labor": {"labour"}, "neighborhood": {"neighbourhood"}, "prioritize": {"prioritise"},
}
