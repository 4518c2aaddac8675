//! Static word lists used as evidence: given names, titles, organization
//! and place cue words, function words that are capitalised only at the
//! start of a sentence, reporting verbs and a small nickname table.
//!
//! Entries are lowercase; given names and nicknames are folded when `Lex`
//! builds its hash sets (once per knowledge base), the other lists are
//! looked up with a token's lowercase form.

/// Title words that, capitalised before a name, mark a person (folded).
#[rustfmt::skip]
pub const TITLES: &[&str] = &[
    "president", "vice", "prime", "minister", "chancellor", "premier", "king", "queen", "prince",
    "princess", "pope", "emperor", "sheikh", "sultan", "emir", "senator", "sen", "rep",
    "representative", "congressman", "congresswoman", "gov", "governor", "mayor", "judge",
    "justice", "general", "gen", "col", "colonel", "lt", "lieutenant", "sgt", "sergeant", "capt",
    "captain", "major", "admiral", "commander", "officer", "detective", "dr", "doctor", "mr", "mrs",
    "ms", "miss", "mme", "mlle", "sir", "lord", "lady", "dame", "rev", "reverend", "father",
    "bishop", "cardinal", "rabbi", "imam", "coach", "attorney", "secretary", "ambassador",
    "chairman", "chairwoman", "chair", "chief", "director", "professor", "prof", "inspector",
    "commissioner", "sheriff", "deputy", "spokesman", "spokeswoman", "spokesperson", "councillor",
    "councilman", "councilwoman", "assemblyman", "assemblywoman", "superintendent", "trooper",
    "agent", "monsieur", "madame", "herr", "frau", "senor", "senora", "don", "dona", "gospodin",
    "ceo", "fm", "defense", "defence", "foreign", "interior", "finance", "state", "trade", "health",
    "economy", "first", "attorney-general", "secretary-general", "director-general", "premier",
    "leader", "ministre", "presidente", "président", "prasident", "presidenta", "ministro",
    "m", "präsident", "kanzler", "bundeskanzler", "bundeskanzlerin", "außenminister",
    "aussenminister", "ministerpräsident", "canciller", "министр", "президент", "премьер",
    "глава", "канцлер", "господин", "госпожа",
    "minister-president",
];

/// Title words that are strong evidence alone (personal honorifics).
#[rustfmt::skip]
pub const HONORIFICS: &[&str] = &[
    "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "m", "mme", "mlle", "monsieur", "madame", "herr",
    "frau", "senor", "senora", "sen", "rep", "gov", "rev", "gen", "sgt", "capt", "lt", "col",
    "prof", "det",
];

/// Lowercase role nouns that, right before a capitalised name, mark a person.
#[rustfmt::skip]
pub const ROLE_NOUNS: &[&str] = &[
    "attorney", "lawyer", "coach", "actor", "actress", "singer", "star", "quarterback", "tackle",
    "lineman", "linebacker", "receiver", "forward", "guard", "center", "teammate", "player",
    "rapper", "model", "spokesman", "spokeswoman", "spokesperson", "publicist", "boss", "manager",
    "director", "officer", "minister", "president", "senator", "witness", "journalist",
    "correspondent", "activist", "son", "daughter", "wife", "husband", "brother", "sister",
    "mother", "father", "friend", "girlfriend", "boyfriend", "victim", "suspect", "defendant",
    "judge", "prosecutor", "chief", "leader", "chairman", "ceo", "executive", "founder", "owner",
    "producer", "writer", "author", "analyst", "expert", "professor", "scientist", "researcher",
    "economist", "historian", "commentator", "reporter", "editor", "photographer", "filmmaker",
    "designer", "artist", "musician", "guitarist", "drummer", "champion", "boxer", "fighter",
    "challenger", "referee", "pitcher", "striker", "midfielder", "goalkeeper", "defender", "runner",
    "swimmer", "skater", "golfer", "cyclist", "driver", "pilot", "soldier", "sergeant",
    "lieutenant", "captain", "colonel", "general", "governor", "mayor", "commissioner", "sheriff",
    "deputy", "detective", "trooper", "inspector", "agent", "secretary", "ambassador", "diplomat",
    "envoy", "negotiator", "candidate", "nominee", "lawmaker", "congressman", "congresswoman",
    "representative", "councilman", "councilwoman", "councillor", "mp", "legislator", "comedian",
    "host", "presenter", "anchor", "ex", "fiance", "fiancee", "partner", "rookie", "veteran",
    "backup", "starter", "teen", "teenager", "student", "resident", "neighbor", "neighbour",
    "doctor", "nurse", "surgeon", "priest", "pastor", "bishop", "cardinal", "rabbi", "imam",
    "cleric", "dr", "guide", "teacher", "principal", "coordinator",
    "counterpart", "premier", "chancellor", "opponent", "rival", "successor", "predecessor", "aide",
    "adviser", "advisor",
];

/// Last words that mark an organization (folded).
#[rustfmt::skip]
pub const ORG_WORDS: &[&str] = &[
    "inc", "corp", "corporation", "co", "ltd", "llc", "plc", "gmbh", "ag", "sa", "company",
    "companies", "ministry", "ministere", "ministerio", "ministerium", "department", "university",
    "universite", "universidad", "college", "school", "academy", "institute", "institution",
    "party", "council", "agency", "group", "center", "centre", "organization", "organisation",
    "bank", "association", "union", "federation", "foundation", "fund", "committee", "commission",
    "court", "office", "bureau", "board", "authority", "service", "services", "police", "army",
    "navy", "force", "forces", "guard", "command", "club", "team", "league", "society", "church",
    "network", "news", "times", "post", "journal", "herald", "tribune", "press", "magazine",
    "radio", "television", "tv", "channel", "airlines", "airways", "motors", "industries",
    "holdings", "partners", "systems", "technologies", "labs", "media", "studios", "records",
    "entertainment", "hospital", "clinic", "museum", "parliament", "congress", "senate", "assembly",
    "cabinet", "government", "administration", "coalition", "alliance", "movement", "front",
    "brigade", "brigades", "project", "program", "programme", "initiative", "trust", "exchange",
    "market", "daily", "weekly", "gazette", "review", "express", "telegraph", "guardian",
    "observer", "courier", "standard", "mirror", "sun", "star", "chronicle", "examiner", "globe",
    "saints", "chargers", "colts", "lions", "patriots", "giants", "jets", "bears", "packers",
    "cowboys", "rangers", "yankees", "lakers", "celtics", "knicks", "nets", "heat", "bulls",
    "blazers", "sixers", "76ers", "fire", "department", "station", "prison", "jail", "penitentiary",
    "unit", "division", "squad", "office", "firm", "studio", "band", "orchestra", "choir",
    "festival", "awards", "mission", "secretariat", "nations", "forum", "summit", "conference",
    "organizations",
];

/// First words that mark an organization ("Ministry of ...", "University of ...").
#[rustfmt::skip]
pub const ORG_HEADS: &[&str] = &[
    "ministry", "department", "university", "bank", "institute", "council", "organization",
    "organisation", "federation", "church", "college", "school", "office", "board", "court",
    "academy", "association", "union", "society", "league", "museum", "chamber", "commission",
    "committee", "bureau", "agency", "house", "order", "party", "army", "navy", "corps", "fund",
    "friends", "house", "conference", "national", "federal", "royal", "central", "international",
    "united", "european", "world", "global",
];

/// Words that mark a place (folded), as last word of a name.
#[rustfmt::skip]
pub const PLACE_WORDS: &[&str] = &[
    "city", "county", "street", "st", "avenue", "ave", "road", "rd", "boulevard", "square", "park",
    "river", "island", "islands", "mountain", "mountains", "mount", "mt", "lake", "bay", "gulf",
    "sea", "ocean", "valley", "state", "province", "region", "district", "village", "town",
    "township", "borough", "heights", "hills", "beach", "coast", "peninsula", "strait", "canyon",
    "desert", "falls", "harbor", "harbour", "port", "airport", "bridge", "highway", "freeway",
    "camp", "stadium", "arena", "field", "plaza", "hall", "tower", "palace", "square", "kremlin",
    "oblast", "krai", "prefecture",
];

/// Prepositions after which a capitalised word is likely a place.
#[rustfmt::skip]
pub const PLACE_PREPS: &[&str] = &[
    "in", "at", "near", "outside", "across", "throughout", "from", "to", "toward", "towards",
    "into", "en", "dans", "au", "aux", "à", "nach", "im", "aus", "desde", "hacia", "cerca", "en",
];

/// Reporting verbs (folded) that make the adjacent name a person.
#[rustfmt::skip]
pub const REPORT_VERBS: &[&str] = &[
    "said", "says", "told", "tells", "added", "adds", "asked", "explained", "noted", "stressed",
    "wrote", "insisted", "claimed", "argued", "stated", "announced", "declared", "warned", "urged",
    "admitted", "confirmed", "denied", "replied", "recalled", "believes", "thinks", "testified",
    "tweeted", "posted", "revealed", "emphasized", "emphasised", "pointed", "continued", "assured",
    "acknowledged", "commented", "remarked", "suggested", "predicted", "promised", "vowed",
    "conceded", "dijo", "afirmo", "explico", "senalo", "indico", "declaro", "aseguro", "a",
    "declare", "affirme", "explique", "souligne", "ajoute", "sagte", "erklarte", "betonte", "fugte",
    "заявил", "сказал",
];

/// Capitalised words that are never a name on their own (function words,
/// sentence adverbs, pronouns, months, weekdays, furniture), folded.
#[rustfmt::skip]
pub const STOP: &[&str] = &[
    // English function words and frequent sentence starters
    "a", "about", "above", "according", "after", "again", "against", "all", "almost", "also",
    "although", "always", "among", "an", "and", "another", "any", "anyone", "anything", "are",
    "around", "as", "at", "back", "be", "because", "been", "before", "being", "below", "besides",
    "between", "both", "but", "by", "can", "could", "despite", "did", "do", "does", "down",
    "during", "each", "early", "either", "else", "even", "ever", "every", "everyone", "everything",
    "few", "first", "for", "from", "further", "had", "has", "have", "he", "her", "here", "hers",
    "herself", "him", "himself", "his", "how", "however", "i", "if", "in", "including", "indeed",
    "instead", "into", "is", "it", "its", "itself", "just", "last", "late", "later", "least",
    "less", "let", "like", "many", "may", "maybe", "me", "meanwhile", "might", "more", "moreover",
    "most", "much", "must", "my", "neither", "never", "nevertheless", "next", "no", "nobody",
    "none", "nor", "not", "nothing", "now", "of", "off", "often", "on", "once", "one", "only", "or",
    "other", "others", "our", "out", "over", "own", "per", "perhaps", "please", "rather", "really",
    "recently", "same", "several", "she", "should", "since", "so", "some", "someone", "something",
    "sometimes", "soon", "still", "such", "than", "that", "the", "their", "them", "then", "there",
    "therefore", "these", "they", "this", "those", "though", "through", "thus", "to", "today",
    "together", "tomorrow", "tonight", "too", "under", "unless", "until", "up", "upon", "us",
    "very", "was", "we", "well", "were", "what", "whatever", "when", "where", "whether", "which",
    "while", "who", "whoever", "whom", "whose", "why", "will", "with", "within", "without", "would",
    "yes", "yesterday", "yet", "you", "your", "two", "three", "four", "five", "six", "seven",
    "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
    "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "second", "third", "finally", "additionally", "currently", "earlier",
    "following", "officials", "police", "witnesses", "authorities", "sources", "reports", "report",
    "update", "updated", "breaking", "news", "photo", "photos", "video", "videos", "watch", "read",
    "share", "source", "comments", "comment", "advertisement", "related", "more", "click",
    "subscribe", "sign", "log", "home", "top", "latest", "follow", "posted", "filed", "via",
    "credit", "image", "images", "getty", "ap", "copyright", "all", "rights", "reserved", "editor",
    "note", "editors", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "am", "pm", "et", "gmt",
    "utc", "est", "pst", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "christmas", "easter", "oh", "hey", "ok", "okay", "thanks",
    "thank", "dear", "le", "la", "les", "un", "une", "des", "du", "de", "et", "il", "elle", "ils",
    "nous", "vous", "pour", "mais", "si", "dans", "ministers", "presidents", "leaders", "officials",
    "lawmakers", "sur", "avec", "el", "los", "las", "una", "y", "pero", "con", "por", "para", "der",
    "die", "das", "ein", "eine", "und", "aber", "mit", "fur", "von", "zu", "im", "am", "not", "any",
    "disclaimer", "bonus", "donate", "request", "spread", "love", "upcoming", "pointing", "during",
    "regular", "lawyers", "prosecutors", "investigators", "firefighters", "doctors", "experts",
    "people", "residents", "students", "fans", "troops", "soldiers", "rescuers", "officers",
    "yesterday", "tonight", "anyway", "although", "unlike", "amid", "along", "beyond", "whose",
    "we're", "i'm", "it's", "he's", "she's", "they're", "there's", "that's", "don't", "didn't",
    "can't", "won't", "isn't", "im", "its", "hes", "shes", "theyre", "theres", "thats", "dont",
    "didnt", "cant", "wont", "isnt", "youre", "ive", "weve", "id", "ill", "tv", "internet", "web",
    "online", "god", "mom", "dad", "baby", "star", "stars", "game", "season", "week", "weekend",
    "day", "night", "year", "years", "month", "months", "time", "part", "view", "views", "story",
    "stories", "page", "section", "edition", "print", "email", "e-mail", "tags", "topics",
    // French, Spanish, German and Russian sentence starters, weekdays and months
    "selon", "según", "segun", "laut", "gemäß", "nach", "durant", "pendant", "mientras", "aunque",
    "cependant", "ainsi", "además", "sin", "embargo", "während", "jedoch", "auch", "lundi", "mardi",
    "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "janvier", "février", "mars", "avril",
    "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre", "lunes", "martes",
    "miércoles", "jueves", "viernes", "sábado", "domingo", "enero", "febrero", "marzo", "mayo",
    "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre", "montag",
    "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "januar", "februar",
    "märz", "juni", "juli", "oktober", "dezember", "по", "в", "на", "и", "что", "как", "это", "но",
    "однако", "после", "во", "при", "для",
    "category", "categories", "loading",
];

/// Nicknames and spelling variants of given names: pairs that may refer to
/// the same person when the surname matches (folded).
#[rustfmt::skip]
pub const NICKNAMES: &[(&str, &str)] = &[
    ("alexander", "alex"), ("aleksander", "alex"), ("alexandros", "alexis"),
    ("aleksandros", "aleksis"), ("alexis", "alex"), ("aleksis", "aleks"), ("robert", "bob"),
    ("robert", "rob"), ("robert", "bobby"), ("william", "bill"), ("william", "will"),
    ("william", "billy"), ("william", "willie"), ("richard", "rick"), ("richard", "dick"),
    ("james", "jim"), ("james", "jimmy"), ("john", "jon"), ("john", "jack"), ("john", "johnny"),
    ("jonathan", "jon"), ("joseph", "joe"), ("michael", "mike"), ("thomas", "tom"),
    ("thomas", "tommy"), ("anthony", "tony"), ("antonio", "tony"), ("christopher", "chris"),
    ("matthew", "matt"), ("daniel", "dan"), ("daniel", "danny"), ("david", "dave"),
    ("steven", "steve"), ("stephen", "steve"), ("edward", "ed"), ("edward", "eddie"),
    ("edward", "ted"), ("theodore", "ted"), ("andrew", "andy"), ("andrew", "drew"),
    ("benjamin", "ben"), ("samuel", "sam"), ("samantha", "sam"), ("kenneth", "ken"),
    ("ronald", "ron"), ("donald", "don"), ("timothy", "tim"), ("gregory", "greg"),
    ("jeffrey", "jeff"), ("lawrence", "larry"), ("nicholas", "nick"), ("patrick", "pat"),
    ("peter", "pete"), ("philip", "phil"), ("phillip", "phil"), ("raymond", "ray"),
    ("gerald", "jerry"), ("jerome", "jerry"), ("charles", "charlie"), ("charles", "chuck"),
    ("henry", "hank"), ("maurice", "mo"), ("elizabeth", "liz"), ("elizabeth", "beth"),
    ("elizabeth", "betty"), ("katherine", "kate"), ("catherine", "kate"), ("katherine", "kathy"),
    ("margaret", "maggie"), ("margaret", "peggy"), ("jennifer", "jen"), ("jennifer", "jenny"),
    ("rebecca", "becky"), ("susan", "sue"), ("deborah", "debbie"), ("patricia", "patty"),
    ("victoria", "vicky"), ("cameron", "cam"), ("reginald", "reggie"), ("douglas", "doug"),
    ("vladimir", "volodia"), ("aleksandr", "sasha"), ("dmitri", "dima"), ("mihail", "misha"),
    ("ivan", "vania"), ("evgeni", "zhenia"), ("nikolai", "kolia"), ("vladimir", "wladimir"),
    ("vitali", "vitaliy"), ("lindsay", "lindsey"), ("stephen", "steven"),
    ("jonathan", "john"), ("mohamed", "mohammed"), ("muhammad", "mohammed"),
    ("muhammad", "mohamed"),
];

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::fold::fold;

/// The word lists above as hash sets, built once per knowledge base.
#[derive(Debug, Clone)]
pub struct Lex {
    /// Folded given names.
    pub given: HashSet<String>,
    pub titles: HashSet<&'static str>,
    pub honorifics: HashSet<&'static str>,
    pub role_nouns: HashSet<&'static str>,
    pub org_words: HashSet<&'static str>,
    pub org_heads: HashSet<&'static str>,
    pub place_words: HashSet<&'static str>,
    pub place_preps: HashSet<&'static str>,
    pub report_verbs: HashSet<&'static str>,
    pub stop: HashSet<&'static str>,
    /// Folded nickname pairs, both ways.
    pub nicknames: HashMap<String, Vec<String>>,
}

impl Default for Lex {
    fn default() -> Self {
        let set = |l: &[&'static str]| l.iter().copied().collect::<HashSet<_>>();
        let mut nicknames: HashMap<String, Vec<String>> = HashMap::default();
        for &(a, b) in NICKNAMES {
            let (a, b) = (fold(a), fold(b));
            nicknames.entry(a.clone()).or_default().push(b.clone());
            nicknames.entry(b).or_default().push(a);
        }
        Lex {
            given: crate::words::given_names().names().map(fold).collect(),
            titles: set(TITLES),
            honorifics: set(HONORIFICS),
            role_nouns: set(ROLE_NOUNS),
            org_words: set(ORG_WORDS),
            org_heads: set(ORG_HEADS),
            place_words: set(PLACE_WORDS),
            place_preps: set(PLACE_PREPS),
            report_verbs: set(REPORT_VERBS),
            stop: set(STOP),
            nicknames,
        }
    }
}

impl Lex {
    /// Whether two folded given names may name the same person.
    pub fn nick(&self, a: &str, b: &str) -> bool {
        self.nicknames
            .get(a)
            .is_some_and(|v| v.iter().any(|x| x == b))
    }
}
