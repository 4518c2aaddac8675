//! Context around names: appositions and reporting verbs after a name,
//! lowercase role phrases ("the Russian foreign minister", "the head of
//! Russian diplomacy") and descriptors standing for a person ("a Spiro man").

use rustc_hash::FxHashMap as HashMap;

use super::kb::{Kb, KbKind};
use super::scan::{Candidate, RoleRef, What, country_of, office_at};
use crate::tokens::Tok;

/// Office marker of a role given as "<Demonym> counterpart": the office of
/// the person named before, resolved in `resolve`.
pub const COUNTERPART: &str = "counterpart";

/// Evidence from the words after a name: reporting verbs, appositions,
/// "Brooklyn, New York", organization nouns.
pub fn after_context(toks: &[Tok], last: usize, text: &str, kb: &Kb, cand: &mut Candidate) {
    let lex = &kb.lex;
    let next = toks.get(last + 1);
    let Some(n) = next else { return };
    if n.line != toks[last].line {
        return;
    }
    if n.word && !n.cap {
        let k = n.low.as_ref();
        if lex.report_verbs.contains(k) && k != "a" {
            cand.ev.person += 2;
        } else if lex.org_words.contains(k)
            || matches!(k, "newspaper" | "magazine" | "agency" | "center" | "centre")
        {
            cand.ev.org += 2;
        }
        return;
    }
    if n.punct != ',' {
        return;
    }
    let mut i = last + 2;
    let Some(a) = toks.get(i) else { return };
    if a.line != n.line {
        return;
    }
    if a.word
        && a.cap
        && (kb.country(&a.key).is_some()
            || kb.by_alias(&a.key).iter().any(|&id| {
                kb.entry(id)
                    .is_some_and(|e| matches!(e.kind, KbKind::Place | KbKind::Country))
            }))
    {
        cand.ev.place += 2;
        return;
    }
    if a.word
        && a.key.chars().all(|c| c.is_ascii_digit())
        && toks.get(i + 1).is_some_and(|t| t.punct == ',')
    {
        cand.ev.person += 2;
        return;
    }
    if a.word && !a.cap && matches!(a.low.as_ref(), "who" | "whose") {
        cand.ev.person += 2;
        return;
    }
    let mut k = a.low.as_ref();
    if a.word && !a.cap && matches!(k, "a" | "an" | "the" | "his" | "her" | "their") {
        i += 1;
        k = toks.get(i).map_or("", |t| t.low.as_ref());
    }
    if lex.role_nouns.contains(k) || k == "former" || k == "head" {
        cand.ev.person += 2;
        // Apposition text up to the next clause boundary.
        let s = toks.get(i).map_or(0, |t| t.bstart);
        let mut e = s;
        let mut words = 0;
        for t in &toks[i..] {
            if t.line != n.line
                || (!t.word && matches!(t.punct, ',' | '.' | ';' | ')' | '(' | '"' | '“' | '”'))
            {
                break;
            }
            if t.word && lex.report_verbs.contains(t.low.as_ref()) {
                break;
            }
            words += 1;
            if words > 10 {
                break;
            }
            e = t.bend;
        }
        if e > s {
            cand.apposition = text.get(s..e).map(String::from);
        }
    }
}

/// Lowercase role phrases: "the Chinese president", "the Russian foreign
/// minister", "the PRC's president", "the head of Russian diplomacy".
pub fn role_phrases(
    toks: &[Tok],
    kb: &Kb,
    out: &mut Vec<Candidate>,
    pending: &mut HashMap<usize, RoleRef>,
) {
    for k in 0..toks.len() {
        let t = &toks[k];
        if t.word
            && let Some((e, role)) =
                noun_first_role(toks, k, kb).or_else(|| lower_demonym_role(toks, k, kb))
        {
            // The role names the person right after it ("le président russe
            // Vladimir Poutine", "el presidente ruso, Vladímir Putin"), else
            // it stands for the office holder.
            let mut a = e + 1;
            let comma = toks.get(a).is_some_and(|p| p.punct == ',');
            if comma {
                a += 1;
            }
            let name = |i: usize| {
                toks.get(i)
                    .is_some_and(|n| n.word && n.cap && n.line == t.line)
            };
            if name(a) && (!comma || name(a + 1)) {
                pending.insert(a, role);
            } else {
                out.push(Candidate::role(t, &toks[e], role));
            }
            continue;
        }
        if !t.word || !t.cap {
            continue;
        }
        // head of (the) <Demonym> diplomacy
        if let Some(c) = country_of(t, kb) {
            // "his Russian counterpart(,) Sergei Lavrov": the same office as
            // the person named before, for this country (see `resolve`).
            if toks
                .get(k + 1)
                .is_some_and(|n| n.low.as_ref() == "counterpart")
            {
                let mut a = k + 2;
                if toks.get(a).is_some_and(|p| p.punct == ',') {
                    a += 1;
                }
                if toks
                    .get(a)
                    .is_some_and(|n| n.word && n.cap && n.line == t.line)
                {
                    let cname = kb.entry(c).map_or(String::new(), |e| e.name.clone());
                    pending.insert(
                        a,
                        RoleRef {
                            office: vec![COUNTERPART],
                            country: Some(c),
                            country_text: None,
                            display: cname,
                        },
                    );
                }
                continue;
            }
            let nx = toks.get(k + 1);
            if nx.is_some_and(|n| n.word && !n.cap && n.line == t.line)
                && let Some((office, display, used)) = office_at(toks, k + 1)
            {
                let end_tok = &toks[k + used];
                let role = RoleRef::of_country(office, display, c, kb);
                // "Chinese president Xi Jinping": the role belongs to the name.
                if toks
                    .get(k + used + 1)
                    .is_some_and(|a| a.word && a.cap && a.line == t.line)
                {
                    pending.insert(k + used + 1, role);
                    continue;
                }
                out.push(Candidate::role(t, end_tok, role));
            }
            let diplomacy = toks.get(k + 1).is_some_and(|n| n.low == "diplomacy");
            let head = k >= 2 && toks[k - 1].low == "of" && toks[k - 2].low == "head";
            let head_the = k >= 3
                && toks[k - 1].low == "the"
                && toks[k - 2].low == "of"
                && toks[k - 3].low == "head";
            if diplomacy && (head || head_the) {
                let s = &toks[k - if head { 2 } else { 3 }];
                let e = &toks[k + 1];
                let role =
                    RoleRef::of_country(vec!["foreign", "minister"], "Foreign Minister", c, kb);
                out.push(Candidate::role(s, e, role));
            }
        }
    }
}

/// A French or Spanish role written noun first, with the demonym after the
/// office ("président russe", "ministre russe des Affaires étrangères",
/// "chef de la diplomatie russe", "ministro de Asuntos Exteriores ruso"):
/// the index of its last token and the role.
fn noun_first_role(toks: &[Tok], k: usize, kb: &Kb) -> Option<(usize, RoleRef)> {
    // Every office word below starts with one of these letters.
    if !matches!(
        toks[k].low.as_bytes().first(),
        Some(b'p' | b'c' | b'j' | b'm' | b'd' | b'l')
    ) {
        return None;
    }
    let w = |i: usize| {
        toks.get(i)
            .filter(|t| t.word && t.line == toks[k].line)
            .map_or("", |t| t.low.as_ref())
    };
    const FOREIGN: &str = "Foreign Minister";
    let (mut office, mut display, used): (Vec<&'static str>, &'static str, usize) =
        match (w(k), w(k + 1)) {
            ("président" | "présidente" | "presidente" | "presidenta", _) => {
                (vec!["president"], "President", 1)
            }
            ("premier" | "première", "ministre")
            | ("primer" | "primera", "ministro" | "ministra") => {
                (vec!["prime", "minister"], "Prime Minister", 2)
            }
            ("chancelier" | "chancelière", _) => (vec!["chancellor"], "Chancellor", 1),
            ("chef", "de") if w(k + 2) == "la" && w(k + 3) == "diplomatie" => {
                (vec!["foreign", "minister"], FOREIGN, 4)
            }
            ("jefe" | "jefa", "de") if w(k + 2) == "la" && w(k + 3) == "diplomacia" => {
                (vec!["foreign", "minister"], FOREIGN, 4)
            }
            ("ministre" | "ministro" | "ministra", _) => (vec!["minister"], "Minister", 1),
            ("dirigeant" | "dirigeante" | "dirigente" | "líder", _) => (vec![], "Leader", 1),
            _ => return None,
        };
    // "des Affaires étrangères", "de Asuntos Exteriores", "de Exteriores".
    let foreign_affairs = |i: usize| -> usize {
        match (w(i), w(i + 1), w(i + 2)) {
            ("des" | "aux", "affaires", "étrangères") => 3,
            ("de", "asuntos" | "relaciones", "exteriores") => 3,
            ("de", "exteriores", _) => 2,
            _ => 0,
        }
    };
    let mut at = k + used;
    let minister = office == ["minister"];
    let before = if minister { foreign_affairs(at) } else { 0 };
    at += before;
    let c = country_of(toks.get(at)?, kb)?;
    if toks[at].line != toks[k].line {
        return None;
    }
    let after = if minister && before == 0 {
        foreign_affairs(at + 1)
    } else {
        0
    };
    if before + after > 0 {
        (office, display) = (vec!["foreign", "minister"], FOREIGN);
    }
    Some((at + after, RoleRef::of_country(office, display, c, kb)))
}

/// A German role with the demonym first, in lowercase ("der russische
/// Außenminister", "der chinesische Präsident"): the index of the office
/// noun and the role.
fn lower_demonym_role(toks: &[Tok], k: usize, kb: &Kb) -> Option<(usize, RoleRef)> {
    let t = &toks[k];
    if t.cap {
        return None;
    }
    let n = toks
        .get(k + 1)
        .filter(|n| n.word && n.cap && n.line == t.line)?;
    // Every office noun below starts with one of these letters.
    if !matches!(
        n.low.as_bytes().first(),
        Some(b'a' | b'p' | b's' | b'm' | b'r' | b'k' | b'b')
    ) {
        return None;
    }
    let (office, display): (Vec<&'static str>, &'static str) = match n.low.as_ref() {
        "außenminister" | "aussenminister" | "außenministerin" | "aussenministerin" => {
            (vec!["foreign", "minister"], "Foreign Minister")
        }
        "präsident" | "präsidentin" | "staatspräsident" | "staatspräsidentin" => {
            (vec!["president"], "President")
        }
        "ministerpräsident" | "ministerpräsidentin" | "regierungschef" | "regierungschefin" => {
            (vec!["prime", "minister"], "Prime Minister")
        }
        "kanzler" | "kanzlerin" | "bundeskanzler" | "bundeskanzlerin" => {
            (vec!["chancellor"], "Chancellor")
        }
        "staatschef" | "staatschefin" => (vec![], "Leader"),
        _ => return None,
    };
    let c = country_of(t, kb)?;
    Some((k + 1, RoleRef::of_country(office, display, c, kb)))
}

pub fn descriptor(toks: &[Tok], run: &[usize], kb: &Kb, out: &mut Vec<Candidate>) {
    let (Some(&first), Some(&last)) = (run.first(), run.last()) else {
        return;
    };
    let Some(noun) = toks.get(last + 1) else {
        return;
    };
    if !noun.word
        || noun.cap
        || noun.line != toks[last].line
        || !kb.lex.descriptor_nouns.contains(noun.low.as_ref())
    {
        return;
    }
    if kb.lex.given.contains(toks[first].key.as_ref()) || toks[last].possessive {
        return;
    }
    // Skip a leading function word ("The Brooklyn mother").
    let start = run
        .iter()
        .copied()
        .find(|&i| !kb.lex.stop.contains(toks[i].low.as_ref()))
        .unwrap_or(first);
    if start > last {
        return;
    }
    out.push(Candidate::spanning(&toks[start], noun, What::Descriptor));
}
