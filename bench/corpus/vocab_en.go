package corpus

// English vocabulary. All lists are generic news vocabulary written for this
// package; names are invented by combining syllables. Lists are ordered
// roughly from frequent to rare, which the Zipfian sampler relies on.

// Nouns. "~" marks a mass noun (never pluralised, never with "a");
// "sg:pl" gives an irregular plural.
const enNounWords = `
government company market year economy price bank official country plan
group report deal growth rate investor city business industry minister
share week month agreement project region policy budget decision program
sector system service worker job tax trade~ demand~ supply~ law court
statement month~ quarter cost profit revenue sale export import debt deficit
inflation~ election vote party leader president spokesman:spokesmen
spokeswoman:spokeswomen agency
authority regulator council committee board member union employee wage
salary pension benefit household consumer customer client user product
brand factory plant mine fund investment capital~ asset loan mortgage
credit~ currency bond stock dollar euro oil~ gas~ energy~ power~
electricity~ fuel coal~ grid pipeline port airport railway road bridge
network technology software~ platform device chip battery vehicle car truck
aircraft:aircraft ship fleet route flight passenger traffic~ town province
district village border coast river area neighborhood school university
student teacher hospital patient doctor health~ disease vaccine drug
treatment research~ scientist weather~ storm flood drought fire earthquake
temperature climate~ emission pollution~ water~ food~ crop harvest farmer
land property housing~ home rent building construction~ tourism~ tourist
visitor hotel restaurant retailer shop store supermarket period season
decade morning afternoon evening weekend interview conference meeting
summit talk negotiation dispute conflict crisis:crises protest strike
demonstration police~ officer security~ army soldier defense~ attack
incident accident victim resident citizen population community family
child:children woman:women man:men analyst economist expert observer critic
supporter opponent partner rival competitor shareholder stake merger
acquisition bid offer executive director manager founder chairman:chairmen risk
concern issue problem challenge opportunity pressure impact effect change
increase decline drop rise gain jump slowdown recovery recession shortage
surplus spending~ subsidy grant aid~ support~ access~ infrastructure~
development production~ output~ capacity efficiency~ quality safety~
stability~ transparency~ corruption~ fraud scandal audit review inquiry
complaint lawsuit fine penalty sanction license permit approval deadline
schedule delay launch version update feature model design standard index
indicator benchmark level record peak average volume margin dividend
earnings~ income payment fee cash~ reserve account balance agenda strategy
approach framework measure step effort move action response warning threat
promise commitment priority position role seat office branch unit division
subsidiary venture startup firm exchange session trading~ volatility~
uncertainty confidence~ sentiment~ appetite momentum~ trend pattern shift
transition broadband~ satellite museum festival exhibition team match
tournament coach player fan stadium film book author artist campaign
candidate voter parliament lawmaker bill rule regulation judge case trial
ruling investigation survey study data~ figure forecast outlook estimate
target goal ministry clinic ambulance shelter warehouse terminal highway
tunnel dam reservoir forest park beach island valley harbor district
contractor supplier producer manufacturer exporter importer buyer seller
lender borrower tenant landlord owner operator provider carrier
`

// Verbs: base form, or "base:past:participle" when irregular.
const enVerbWords = `
announce approve reject launch expand reduce raise cut:cut:cut increase
lower boost support oppose criticize welcome unveil propose introduce sign
extend review consider delay postpone suspend cancel resume complete
acquire sell:sold:sold buy:bought:bought build:built:built open close
win:won:won lose:lost:lost hold:held:held lead:led:led meet:met:met reach
seek:sought:sought offer receive secure fund finance hire employ train
replace upgrade modernize restructure target attract deliver produce export
import ship:shipped:shipped supply manage operate control monitor inspect
investigate examine analyze assess estimate forecast:forecast:forecast
predict report confirm deny reveal disclose publish release issue file
challenge ban:banned:banned block restrict limit ease tighten relax adjust
revise set:set:set maintain keep:kept:kept protect defend strengthen weaken
improve affect damage threaten disrupt halt stop:stopped:stopped prevent
avoid address tackle resolve settle negotiate discuss debate pass adopt
implement enforce endorse back praise blame accuse warn urge demand
require allow permit:permitted:permitted force encourage promote prioritize
double triple halve accelerate cap:capped:capped freeze:froze:frozen slash
trim:trimmed:trimmed overhaul streamline prepare organize host attend visit
lift drive:drove:driven take:took:taken make:made:made give:gave:given
bring:brought:brought send:sent:sent spend:spent:spent pay:paid:paid
draw:drew:drawn show:showed:shown see:saw:seen find:found:found
begin:began:begun choose:chose:chosen seize arrest charge convict detain
evacuate rescue restore rebuild:rebuilt:rebuilt repair test develop design
create deploy install connect transform
`

// Intransitive verbs of movement used with figures.
const enUpWords = `rise:rose:risen climb jump grow:grew:grown increase surge gain
rebound advance soar`

const enDownWords = `fall:fell:fallen drop:dropped:dropped decline slip:slipped:slipped
slide:slid:slid ease shrink:shrank:shrunk plunge tumble contract retreat`

// Reporting verbs (past tense) that introduce a clause.
const enReportWords = `said said said said added noted stressed argued warned
insisted acknowledged explained estimated predicted confirmed claimed
suggested recalled emphasized wrote announced told_reporters indicated
conceded believed`

const enAdjWords = `
new economic public national local regional international global financial
political social major key main large small big high low strong weak final
recent current previous former future early late long-term short-term
annual monthly quarterly daily private state-owned foreign domestic
industrial commercial digital technical legal military medical
environmental agricultural rural urban coastal northern southern eastern
western central significant sharp modest steady gradual rapid slow sudden
unexpected official independent senior young full partial total overall
average additional further fresh broad narrow wide deep heavy hard
difficult clear uncertain stable volatile fragile resilient robust
cautious optimistic confident ambitious controversial popular critical
crucial essential important necessary possible likely direct joint
separate single multiple various similar different specific general
special common rare serious severe minor temporary permanent sustainable
renewable green clean cheap expensive affordable costly profitable
competitive efficient transparent fair cross-border year-on-year low-cost
high-speed mid-sized well-known so-called follow-up real-time emerging
leading growing rising falling existing remaining upcoming ongoing
underlying proposed disputed troubled struggling vulnerable aging modern
`

const enAdvWords = `
also still already now recently previously currently later soon again
sharply significantly slightly steadily gradually rapidly quickly slowly
largely mostly mainly partly fully nearly almost roughly broadly strongly
firmly officially publicly formally initially eventually finally
immediately temporarily effectively openly jointly separately reportedly
widely heavily increasingly particularly quietly
`

const enPrepWords = `in in in on for for with with from at across over under
against amid despite during without through near after before within
toward around among outside along behind beyond`

const enConnWords = `However, Meanwhile, Still, In_addition, At_the_same_time,
Separately, Nevertheless, By_contrast, Earlier, As_a_result, In_response,
Even_so, For_now, Moreover, Elsewhere,`

const enSubordWords = `after as while because although before since when even_though
once until unless whereas`

const enQuantWords = `many some several more other most few two three four
dozens_of hundreds_of thousands_of`

const enRoleWords = `
chief_executive spokesman spokeswoman chief_financial_officer
finance_minister trade_minister energy_minister senior_analyst economist
researcher professor director chairman deputy_director board_member
founder general_manager head_of_research union_leader lawyer prosecutor
adviser senior_official strategist portfolio_manager
`

const enMaleNames = `James Michael David Daniel Thomas Robert Peter Mark Paul
Andrew Simon Victor Adrian Martin Oliver George Henry Samuel Jonathan Edward
Patrick Lucas Nathan Philip Gregory Owen Felix Leon Rupert Dominic`

const enFemaleNames = `Laura Sarah Emma Anna Maria Helen Claire Julia Rachel
Karen Nora Grace Lucy Irene Ruth Alice Hannah Sophie Megan Fiona Diana
Elena Joanna Miriam Vera Naomi Esther Tessa Leah Iris`

const enSurnameHeads = `Hal Brend Cor Dun Ash Fen Gar Hol Kest Lan Mer Nor Pem
Quill Rad Sel Tam Vel Wex Yar Alder Bram Carr Del Eld Fair Glen Hart Ivers
Jex`

const enSurnameTails = `ford ton ley wick more field stead worth by ham sley
ridge well cott lin dale son ner wood brook`

const enPlaceHeads = `Mar Bel Ash Cal Dor Elm Fal Glen Har Kel Lin Mor Nor
Oak Pen Red Stan Tor Wil Yor Brack Cress Dun Fern Gral Hollin Quen Sorrel
Thorn Wend`

const enPlaceTails = `brook ford haven mouth port bury field gate wick dale
mere stone ton wood ridge_Bay moor ley`

const enCountries = `Valdoria Estrania Corvenia Marlesia Ostreva Belvaria
Tarsia Nordavia Kalmeria Serevia Lunesse Drovania`

const enCompanyHeads = `Norvale Castellan Brightline Ferrow Halcyra Optera
Veltrix Quorra Tarnwick Meridane Lumeris Corvane Dextara Everholt Pellion
Arkwell Solvane Greymoor Zentora Ambrel Kinsmark Oldbridge Redfern Silvatek
Trevalon Ulmera Westcove Yarrowfield Blackspire Caldera`

const enCompanyTails = `Energy Motors Logistics Pharmaceuticals Telecom Foods
Mining Airlines Bank Capital Insurance Steel Chemicals Systems Networks
Retail Media Shipping Construction Semiconductors Robotics Textiles Health
Utilities Aerospace`

const enAgencyHeads = `Ministry_of_Finance Ministry_of_Trade Ministry_of_Energy
Ministry_of_Health Ministry_of_Transport Ministry_of_Agriculture
Ministry_of_Labor Interior_Ministry Ministry_of_Industry
Environment_Ministry Competition_Commission Central_Bank
National_Statistics_Office Securities_Commission Energy_Regulatory_Agency
Food_Safety_Authority Audit_Office Planning_Commission`

const enWires = `Newswire Meridian_Press Harbor_Wire Atlas_News Continental_Wire`
