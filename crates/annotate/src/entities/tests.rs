//! Data-driven tests: inline-tagged fixtures written for this module.
//!
//! `<PER>Xi</PER>` marks a person mention, `<PER:Sergei Lavrov>Lavrov</PER>`
//! one whose entity must carry that canonical name; `ORG`, `LOC` (place) and
//! `OTH` likewise. Mentions sharing a canonical name (or, untagged, the same
//! text) must land in one entity, different ones in different entities, and
//! no untagged person may appear. Fixtures run through `find_entities` with
//! the test knowledge base; linking across articles is `herald-corpus`'s.

use herald_model::{Entity, EntityKind};
use proptest::prelude::*;

use super::*;

const KB_TSV: &str = include_str!("testdata/kb.tsv");

fn kb() -> Kb {
    Kb::parse_tsv(KB_TSV).expect("test KB parses")
}

#[derive(Debug)]
struct Tag {
    kind: EntityKind,
    canonical: Option<String>,
    text: String,
    start: usize,
    end: usize,
}

/// Strips the tags of `input`: the plain text and the tagged mentions.
fn parse(input: &str) -> (String, Vec<Tag>) {
    let mut text = String::new();
    let mut tags = Vec::new();
    let mut chars = 0usize;
    let mut rest = input;
    let mut open: Option<(EntityKind, Option<String>, usize)> = None;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("</") {
            let end = r.find('>').expect("closing tag ends");
            let (kind, canonical, start) = open.take().expect("closing tag has an opening");
            let t: String = text.chars().skip(start).collect();
            tags.push(Tag {
                kind,
                canonical,
                text: t,
                start,
                end: chars,
            });
            rest = &r[end + 1..];
            continue;
        }
        if rest.starts_with('<')
            && let Some(end) = rest.find('>')
        {
            let inner = &rest[1..end];
            let (k, canonical) = match inner.split_once(':') {
                Some((k, c)) => (k, Some(c.to_string())),
                None => (inner, None),
            };
            let kind = match k {
                "PER" => Some(EntityKind::Person),
                "ORG" => Some(EntityKind::Organization),
                "LOC" => Some(EntityKind::Place),
                "OTH" => Some(EntityKind::Other),
                _ => None,
            };
            if let Some(kind) = kind {
                open = Some((kind, canonical, chars));
                rest = &rest[end + 1..];
                continue;
            }
        }
        let c = rest.chars().next().expect("non-empty");
        text.push(c);
        chars += 1;
        rest = &rest[c.len_utf8()..];
    }
    (text, tags)
}

fn run(text: &str, year: Option<i32>) -> Vec<Entity> {
    find_entities(text, "en", &kb(), year)
}

fn owner<'a>(ents: &'a [Entity], t: &Tag) -> Option<&'a Entity> {
    ents.iter().find(|e| {
        e.mentions
            .iter()
            .any(|m| m.start == t.start && m.end == t.end)
    })
}

fn check(input: &str, year: Option<i32>) {
    let (text, tags) = parse(input);
    let ents = run(&text, year);
    let dump = || {
        ents.iter()
            .map(|e| {
                format!(
                    "{:?} {} {:?}",
                    e.kind,
                    e.name,
                    e.mentions.iter().map(|m| &m.text).collect::<Vec<_>>()
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let mut seen: Vec<(String, String)> = Vec::new(); // (tag key, entity name)
    for t in &tags {
        let Some(e) = owner(&ents, t) else {
            panic!(
                "mention {:?} at {} not found in\n{}",
                t.text,
                t.start,
                dump()
            );
        };
        assert_eq!(e.kind, t.kind, "kind of {:?}\n{}", t.text, dump());
        if let Some(c) = &t.canonical {
            assert_eq!(&e.name, c, "canonical name of {:?}\n{}", t.text, dump());
        }
        let key = t.canonical.clone().unwrap_or_else(|| t.text.clone());
        for (k, n) in &seen {
            if *k == key {
                assert_eq!(n, &e.name, "{key:?} split over two entities\n{}", dump());
            } else {
                assert_ne!(n, &e.name, "{key:?} and {k:?} merged\n{}", dump());
            }
        }
        seen.push((key, e.name.clone()));
    }
    for e in ents.iter().filter(|e| e.kind == EntityKind::Person) {
        assert!(
            tags.iter().any(|t| t.kind == EntityKind::Person
                && owner(&ents, t).is_some_and(|o| o.name == e.name)),
            "unexpected person {} in\n{}",
            e.name,
            dump()
        );
    }
}

#[test]
fn quote_said_surname_from_kb() {
    check("“We must cooperate,” said <PER:Xi Jinping>Xi</PER>.", None);
}

#[test]
fn title_then_surname_is_one_person() {
    check(
        "<LOC:Russia>Russian</LOC> Foreign Minister <PER:Sergei Lavrov>Sergey Lavrov</PER> arrived in <LOC>Beijing</LOC> on Monday. \
         <PER:Sergei Lavrov>Lavrov</PER> said the talks went well.",
        None,
    );
}

#[test]
fn role_phrase_resolves_to_person_named_before() {
    check(
        "<PER:Sergei Lavrov>Sergei Lavrov</PER> met <PER:Wang Yi>Wang Yi</PER> in <LOC>Beijing</LOC>. \
         “Relations are strong,” said the <PER:Sergei Lavrov>Russian foreign minister</PER>. \
         <PER:Wang Yi>Wang</PER> promised the <PER:Sergei Lavrov>head of Russian diplomacy</PER> support, \
         added the <PER:Wang Yi>Chinese minister</PER>.",
        Some(2024),
    );
}

#[test]
fn role_phrase_alone_uses_kb_office_holder_of_the_year() {
    check(
        "The <PER:Xi Jinping>Chinese president</PER> spoke on Monday.",
        Some(2024),
    );
    check(
        "The <PER:Hu Jintao>Chinese president</PER> spoke on Monday.",
        Some(2010),
    );
}

#[test]
fn roles_after_the_noun_in_french_and_spanish() {
    // The role names the person after it, and stands for them later.
    check(
        "Le président russe <PER:Vladimir Putin>Vladimir Poutine</PER> a reçu <PER:Xi Jinping>Xi Jinping</PER>. \
         Le <PER:Vladimir Putin>président russe</PER> a salué la rencontre.",
        Some(2024),
    );
    check(
        "« Nous sommes prêts », a déclaré le chef de la diplomatie russe, <PER:Sergei Lavrov>Sergueï Lavrov</PER>. \
         Le <PER:Sergei Lavrov>ministre russe des Affaires étrangères</PER> a ajouté que la visite était utile.",
        Some(2024),
    );
    // Alone, the role resolves to the office holder of the year.
    check(
        "Le <PER:Sergei Lavrov>chef de la diplomatie russe</PER> est arrivé à <LOC>Pékin</LOC>.",
        Some(2024),
    );
    check(
        "El presidente ruso, <PER:Vladimir Putin>Vladímir Putin</PER>, recibió a <PER:Xi Jinping>Xi Jinping</PER>. \
         El <PER:Sergei Lavrov>jefe de la diplomacia rusa</PER> viajó a <LOC>Pekín</LOC>. \
         El <PER:Sergei Lavrov>ministro de Asuntos Exteriores ruso</PER> dijo que la visita fue útil.",
        Some(2024),
    );
}

#[test]
fn german_roles_with_lowercase_demonyms() {
    check(
        "Der russische Außenminister <PER:Sergei Lavrov>Sergej Lawrow</PER> traf <PER:Wang Yi>Wang Yi</PER> in <LOC>Peking</LOC>. \
         Der <PER:Vladimir Putin>russische Präsident</PER> schickte Grüße.",
        Some(2024),
    );
}

#[test]
fn chinese_leader_is_the_president_in_the_article() {
    check(
        "The <PER:Xi Jinping>Chinese President</PER>, <PER:Xi Jinping>Xi Jinping</PER>, called. \
         According to the <PER:Xi Jinping>Chinese leader</PER>, the treaty matters.",
        None,
    );
}

#[test]
fn french_and_cyrillic_spellings_resolve_to_kb_name() {
    check(
        "<PER:Vladimir Putin>Vladimir Poutine</PER> and <PER:Sergei Lavrov>Sergueï Lavrov</PER> met.",
        None,
    );
    check(
        "<PER:Vladimir Putin>Владимир Путин</PER> встретился с <PER:Xi Jinping>Си Цзиньпином</PER>.",
        None,
    );
}

#[test]
fn cjk_names_match_kb_aliases() {
    check(
        "<PER:Xi Jinping>习近平</PER>会见了<PER:Sergei Lavrov>拉夫罗夫</PER>。",
        None,
    );
}

#[test]
fn serbian_si_is_xi_through_the_kb() {
    check(
        "<PER:Sergei Lavrov>Lavrov</PER> and <PER:Xi Jinping>Si</PER> met in <LOC>Beijing</LOC>.",
        None,
    );
}

#[test]
fn honorific_surname_joins_full_name() {
    check(
        "<PER:Sergei Lavrov>Sergueï Lavrov</PER> spoke first. “Thank you,” added Mr. <PER:Sergei Lavrov>Lavrov</PER>.",
        None,
    );
}

#[test]
fn unknown_person_with_apposition_gets_role() {
    let input = "<PER>Alexander Gabuev</PER>, director of the <ORG>Carnegie Center</ORG>, told <ORG:Agence France-Presse>AFP</ORG>.";
    check(input, None);
    let (text, _) = parse(input);
    let ents = run(&text, None);
    let p = ents
        .iter()
        .find(|e| e.name == "Alexander Gabuev")
        .expect("person");
    assert_eq!(p.role.as_deref(), Some("director of the Carnegie Center"));
}

#[test]
fn role_from_title_in_text() {
    let ents = run("Chinese Foreign Minister Wang Yi arrived.", Some(2024));
    let p = ents.iter().find(|e| e.name == "Wang Yi").expect("person");
    assert_eq!(p.role.as_deref(), Some("Foreign Minister of China"));
    let ents = run("Russian Foreign Minister Sergey Lavrov arrived.", None);
    let p = ents
        .iter()
        .find(|e| e.name == "Sergei Lavrov")
        .expect("person");
    assert_eq!(p.role.as_deref(), Some("Foreign Minister of Russia"));
}

#[test]
fn sentence_initial_words_months_and_weekdays_are_not_names() {
    check(
        "Despite the rain, <PER>Maria Gonzalez</PER> said the <ORG>Ministry of Health</ORG> would act. \
         But nothing happened on Monday. In March the <ORG>Acme Corp</ORG> board met.",
        None,
    );
}

#[test]
fn surname_alone_never_becomes_a_second_person() {
    check(
        "Defensive tackle <PER>Jamal Williams</PER> was released. <PER:Jamal Williams>Williams</PER> said he was sad. \
         “It hurts,” <PER:Jamal Williams>Williams</PER> added.",
        None,
    );
}

#[test]
fn place_after_preposition() {
    check(
        "The festival takes place in <LOC>Springfield</LOC> every year, organisers said.",
        None,
    );
}

#[test]
fn headline_case_fragments_are_not_persons() {
    check(
        "Local Man Wins Big Prize In Annual Lottery\n\n<PER>John Carter</PER> won the prize on Friday.",
        None,
    );
}

#[test]
fn reporting_verb_makes_a_person() {
    check(
        "The fire was put out quickly, <PER>Steele</PER> said.",
        None,
    );
}

#[test]
fn nickname_initials_join_the_person() {
    check(
        "<PER>Lindsay Lohan</PER> arrived late. <PER:Lindsay Lohan>LiLo</PER> waved at fans.",
        None,
    );
}

fn seed_like() -> &'static str {
    "Xi and Lavrov discuss ties\n\n\
     \"Relations are strong,\" the Russian foreign minister said.\n\n\
     Lavrov and Si, Photo: Reuters\n\n\
     Chinese President Xi Jinping met today in Beijing with Russian Foreign Minister Sergey Lavrov, reports China Media Group (CMG).\n\n\
     “President Putin and I agreed to keep close contacts,” said Xi.\n\n\
     The Chinese president stressed the 75th anniversary. Lavrov conveyed President Vladimir Putin's greetings to Xi.\n\n\
     “We thank you,” said the Russian Foreign Minister, CMG reports.\n"
}

#[test]
fn seed_like_article_has_one_entity_per_person() {
    let ents = run(seed_like(), Some(2024));
    let people: Vec<&Entity> = ents
        .iter()
        .filter(|e| e.kind == EntityKind::Person)
        .collect();
    let names: Vec<&str> = people.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names.len(), 3, "{names:?}");
    for n in ["Xi Jinping", "Sergei Lavrov", "Vladimir Putin"] {
        assert!(names.contains(&n), "{n} missing from {names:?}");
    }
    let mentions = |n: &str| -> Vec<String> {
        people
            .iter()
            .find(|e| e.name == n)
            .map(|e| e.mentions.iter().map(|m| m.text.clone()).collect())
            .unwrap_or_default()
    };
    let xi = mentions("Xi Jinping");
    for m in ["Xi", "Si", "Xi Jinping", "Chinese president"] {
        assert!(
            xi.iter().any(|x| x == m),
            "{m} not under Xi Jinping: {xi:?}"
        );
    }
    let lavrov = mentions("Sergei Lavrov");
    for m in [
        "Lavrov",
        "Sergey Lavrov",
        "Russian foreign minister",
        "Russian Foreign Minister",
    ] {
        assert!(
            lavrov.iter().any(|x| x == m),
            "{m} not under Sergei Lavrov: {lavrov:?}"
        );
    }
    let lavrov_role = people
        .iter()
        .find(|e| e.name == "Sergei Lavrov")
        .and_then(|e| e.role.clone());
    assert_eq!(lavrov_role.as_deref(), Some("Foreign Minister of Russia"));
}

#[test]
fn seed_like_french_translation() {
    check(
        "The <LOC:China>Chinese</LOC> and <LOC:Russia>Russian</LOC> Foreign Ministers, <PER:Wang Yi>Wang Yi</PER> and \
         <PER:Sergei Lavrov>Sergueï Lavrov</PER>, met in <LOC>Beijing</LOC>. \
         “The results confirm our trust,” added Mr. <PER:Sergei Lavrov>Lavrov</PER>, according to <ORG>RIA Novosti</ORG>.",
        Some(2024),
    );
}

#[test]
fn empty_and_odd_inputs() {
    let kb = kb();
    assert!(find_entities("", "en", &kb, None).is_empty());
    assert!(find_entities("   \n\n  ", "en", &kb, None).is_empty());
    let _ = find_entities(
        "A.B.C.D. ' ’s -- Mr. . . (( )) «» 「」 Ъ ь",
        "en",
        &kb,
        Some(-5),
    );
    let _ = find_entities("Kimani ( Kiki ) Gray", "en", &Kb::default(), None);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn find_entities_never_panics_and_offsets_are_valid(
        s in "(\\PC|[A-Z][a-z]{1,8}|[ .,'’\"“”()\\n-]|Mr\\.|Xi|Lavrov|Путин|习近平|Chinese|president){0,60}",
        year in proptest::option::of(1990i32..2030),
    ) {
        let kb = kb();
        let chars: Vec<char> = s.chars().collect();
        for e in find_entities(&s, "en", &kb, year) {
            prop_assert!(!e.mentions.is_empty());
            for m in e.mentions {
                prop_assert!(m.start < m.end && m.end <= chars.len());
                let t: String = chars[m.start..m.end].iter().collect();
                prop_assert_eq!(t, m.text);
            }
        }
    }
}

#[test]
fn counterpart_takes_the_office_of_the_person_before() {
    let ents = run(
        "On a rainy day in the old town, the German Foreign Minister Klara Weiss met her French \
         counterpart, Paul Martin, to discuss the price of wheat and the state of the roads.",
        None,
    );
    let role = |n: &str| {
        ents.iter()
            .find(|e| e.name == n)
            .and_then(|e| e.role.clone())
    };
    assert_eq!(
        role("Klara Weiss").as_deref(),
        Some("Foreign Minister of Germany")
    );
    assert_eq!(
        role("Paul Martin").as_deref(),
        Some("Foreign Minister of France")
    );
}

#[test]
fn acronym_aliases_match_only_capitals() {
    check(
        "The <ORG:World Health Organization>WHO</ORG> warned on Monday.",
        None,
    );
    let ents = run("Fans of Doctor Who cheered when the show returned.", None);
    assert!(
        ents.iter().all(|e| e.name != "World Health Organization"),
        "{ents:?}"
    );
}

/// Hostile inputs that were quadratic. Each is sized so that a quadratic
/// cost would run for many minutes (and nextest's `terminate-after` in
/// `.config/nextest.toml` fails it), while the linear code takes a fraction
/// of a second; nothing is timed.
#[test]
fn many_single_capitalised_words_cost_linear_time() {
    // 100,000 lines took 46 s when each word was checked against every entity.
    let text: String = (0..300_000u32)
        .map(|i| format!("Word{}\n", fold_free_word(i)))
        .collect();
    let ents = find_entities(&text, "en", &kb(), None);
    assert!(!ents.is_empty());
}

#[test]
fn a_long_hyphenated_chain_is_scanned_once() {
    // 100 KB of "Abc0-Abc1-..." took 15 s: each word rescanned the chain.
    let text = format!(
        "The {} said.",
        (0..200_000u32)
            .map(|i| format!("Abc{}", fold_free_word(i)))
            .collect::<Vec<_>>()
            .join("-")
    );
    let toks = crate::tokens::tokenize(&text);
    assert!(toks.len() > 200_000, "{} tokens", toks.len());
}

#[test]
fn one_huge_capitalised_word_is_one_name() {
    let text = format!("The X{} said.", "y".repeat(1_000_000));
    let ents = find_entities(&text, "en", &kb(), None);
    assert!(ents.len() <= 1, "{}", ents.len());
}

#[test]
fn a_long_list_of_full_names_costs_linear_time() {
    let text: String = (0..100_000u32)
        .map(|i| format!("John Surname{}\n", fold_free_word(i)))
        .collect();
    let ents = find_entities(&text, "en", &kb(), None);
    assert!(ents.len() > 1000, "{}", ents.len());
}

/// Distinct lowercase letters for a number ("a", "b", ... "ba"), so that
/// generated names are words, not digits.
fn fold_free_word(mut i: u32) -> String {
    let mut s = String::new();
    loop {
        s.push(char::from(b'a' + (i % 26) as u8));
        i /= 26;
        if i == 0 {
            return s;
        }
    }
}

#[test]
fn arabic_persons_places_and_organizations() {
    check(
        "قال الرئيس الأمريكي <PER:جورج بوش>جورج بوش</PER> في <LOC:Cairo>القاهرة</LOC> إن \
         <ORG>وزارة الخارجية</ORG> ستعمل مع <ORG:United Nations>الأمم المتحدة</ORG>. \
         وأضاف <PER:جورج بوش>بوش</PER> أن <LOC:Egypt>مصر</LOC> شريك.",
        None,
    );
}

#[test]
fn arabic_proclitics_stay_in_the_mention_not_in_the_key() {
    check(
        "وصل الوفد <LOC:Cairo>بالقاهرة</LOC> ثم <LOC:Egypt>لمصر</LOC> و<PER>محمد حسني مبارك</PER> هناك.",
        None,
    );
}

#[test]
fn an_arabic_city_named_like_a_noun_needs_a_place_noun() {
    check("وصل الوفد إلى مدينة <LOC:Mosul>الموصل</LOC> أمس.", None);
    let ents = run("وصل الوفد إلى الموصل أمس.", None);
    assert!(ents.iter().all(|e| e.name != "Mosul"), "{ents:?}");
}

#[test]
fn one_word_after_a_title_is_a_name_only_when_named_again() {
    let ents = run("وقال الكاتب بعنوان جديد إن الكتاب صدر.", None);
    assert!(
        ents.iter().all(|e| e.kind != EntityKind::Person),
        "{ents:?}"
    );
}

#[test]
fn city_rows_answer_only_to_names_outside_the_latin_script() {
    let ents = run("Eugene Smith flew to Eugene on Monday.", None);
    assert!(
        ents.iter()
            .all(|e| e.name != "Eugene" || e.kind != EntityKind::Place),
        "{ents:?}"
    );
    let ents = run("Он приехал в Юджин.", None);
    assert!(ents.iter().all(|e| e.name != "Eugene"), "{ents:?}");
    check(
        "他去了<LOC:Eugene>ユージーン</LOC>和<LOC:Mosul>摩苏尔市</LOC>。",
        None,
    );
}

#[test]
fn chinese_persons_by_title_and_verb() {
    check(
        "国家主席<PER>江泽民</PER>在<LOC:Beijing>北京</LOC>会见了客人。<PER>江泽民</PER>说，<LOC:China>中国</LOC>愿意合作。",
        None,
    );
}

#[test]
fn cyrillic_stems_answer_only_cyrillic_words() {
    check(
        "Prosecutor <PER>David Rossi</PER> spoke. <PER:David Rossi>Rossi</PER> said no.",
        None,
    );
    check("Визит в <LOC:Russia>России</LOC> завершён.", None);
}

#[test]
fn a_place_inside_an_organization_name_or_a_person_name() {
    check(
        "She was taken to <ORG>Jamaica Hospital</ORG> in Queens.",
        None,
    );
}

#[test]
fn german_nouns_after_articles_are_no_names() {
    let text = "Gestern sagte Merkel in Berlin, im Sommer sei die Lage in Führung der Partei \
                schwierig gewesen. Der Bundesärztekammer zufolge kam die Reform in Moskau an.";
    let ents = find_entities(text, "de", &kb(), None);
    let names: Vec<(&str, EntityKind)> = ents.iter().map(|e| (e.name.as_str(), e.kind)).collect();
    for noun in ["Gestern", "Sommer", "Lage", "Führung", "Partei", "Reform"] {
        assert!(
            ents.iter()
                .all(|e| e.name != noun || e.kind == EntityKind::Other),
            "{noun} in {names:?}"
        );
    }
    assert!(names.contains(&("Berlin", EntityKind::Place)), "{names:?}");
    assert!(names.contains(&("Moscow", EntityKind::Place)), "{names:?}");
    assert!(
        names.iter().any(|n| n.0 == "Bundesärztekammer"),
        "{names:?}"
    );
}

#[test]
fn arabic_names_of_known_persons_take_their_canonical_name() {
    check(
        "قال الرئيس الروسي <PER:Vladimir Putin>فلاديمير بوتين</PER> في <LOC:Moscow>موسكو</LOC> \
         إن المحادثات جيدة. وأضاف <PER:Vladimir Putin>بوتين</PER> أن الاتفاق قريب.",
        Some(2024),
    );
}

#[test]
fn hebrew_persons_places_and_organizations() {
    check(
        "ראש הממשלה <PER:Benjamin Netanyahu>בנימין נתניהו</PER> נפגש אתמול \
         <LOC:Jerusalem>בירושלים</LOC> עם שר החוץ האמריקני \
         <PER:Antony Blinken>אנתוני בלינקן</PER>. <PER>יאיר לפיד</PER>, ראש האופוזיציה, \
         תקף את הממשלה <ORG:Knesset>בכנסת</ORG>. <PER:יאיר לפיד>לפיד</PER> אמר כי \
         <LOC:Israel>ישראל</LOC> צריכה בחירות.",
        None,
    );
}

#[test]
fn a_hebrew_city_named_like_a_word_needs_a_particle_or_a_place_noun() {
    check("המשלחת נסעה <LOC:Haifa>לחיפה</LOC> אתמול.", None);
    check("המשלחת הגיעה אל העיר <LOC:Haifa>חיפה</LOC> אתמול.", None);
    let ents = run("חיפה היא עיר יפה מאוד ליד הים.", None);
    assert!(ents.iter().all(|e| e.name != "Haifa"), "{ents:?}");
}

#[test]
fn greek_function_words_weekdays_and_titles() {
    let text = "Ο πρωθυπουργός <PER>Κυριάκος Μητσοτάκης</PER> μίλησε τη Δευτέρα. \
                Η κυβέρνηση συνεδρίασε. Ο <PER:Κυριάκος Μητσοτάκης>Μητσοτάκης</PER> δήλωσε ότι \
                Στη Βουλή θα πάει ο δήμαρχος <PER>Νίκος Παπαδόπουλος</PER>.";
    check(text, None);
    let (plain, _) = parse(text);
    let ents = run(&plain, None);
    for word in ["Ο", "Η", "Δευτέρα", "Στη"] {
        assert!(
            ents.iter()
                .all(|e| e.mentions.iter().all(|m| m.text != word)),
            "{word}: {ents:?}"
        );
    }
}

/// Organization and place words are written with their diacritics
/// ("Üniversitesi", "Bakanlığı", "Behörde") and still make a name an
/// organization: the lists are read with the word's lowercase form, not
/// only its folded key.
#[test]
fn organization_words_with_diacritics() {
    let kb = kb();
    for (text, lang, name) in [
        (
            "Dün Moskova Devlet Üniversitesi yeni bir açıklama yaptı ve bunu duyurdu.",
            "tr",
            "Moskova Devlet Üniversitesi",
        ),
        (
            "Dün Dışişleri Bakanlığı yeni bir açıklama yaptı ve bunu duyurdu.",
            "tr",
            "Dışişleri Bakanlığı",
        ),
    ] {
        let ents = find_entities(text, lang, &kb, None);
        assert!(
            ents.iter()
                .any(|e| e.name == name && e.kind == EntityKind::Organization),
            "{name}: {ents:?}"
        );
    }
}

#[test]
fn kb_surname_before_a_name_is_a_given_name() {
    // "Cameron" alone is David Cameron in this KB; before "Easley" it is
    // another person's given name.
    check(
        "“The impact of the debate is still small,” wrote <PER>Cameron Easley</PER> for the pollster.",
        None,
    );
}

#[test]
fn place_after_a_given_name_is_a_surname() {
    check(
        "Rep. <PER>Jim Jordan</PER> said the panel would meet. The king of <LOC>Jordan</LOC> was not invited.",
        None,
    );
}

#[test]
fn party_adjective_is_no_part_of_the_name() {
    check(
        "Republican <PER>Dante Chinni</PER> said the debates matter little.",
        None,
    );
}

#[test]
fn organization_short_form_joins_its_full_name() {
    check(
        "The <ORG>Sydney Morning Herald</ORG> published the letter on Monday. The <ORG:Sydney Morning Herald>Herald</ORG> said it had checked the signatures.",
        None,
    );
    // The last word of "Bank of America" is a complement, not the head.
    check(
        "<ORG>Bank of America</ORG> cut its rates. Investors across <LOC:United States>America</LOC> noticed.",
        None,
    );
}

#[test]
fn verb_of_saying_opening_a_sentence_is_no_part_of_a_name() {
    check(
        "Said <PER>Ryan Ellis</PER>: “I don’t get the sense she’s interested in tax reform.”",
        None,
    );
}
