//! HTML character references: `&amp;`, `&eacute;`, `&#8217;`, `&#x2019;`.
//!
//! Unknown or malformed references are left as they are. Code points that
//! are invalid (surrogates, beyond U+10FFFF, NUL) become U+FFFD, and the
//! Windows-1252 range `&#128;`..`&#159;` maps as browsers map it.

use std::borrow::Cow;

/// Decodes character references; borrows when there is none.
pub fn decode_entities(s: &str) -> Cow<'_, str> {
    let Some(first) = s.find('&') else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..first]);
    let mut rest = &s[first..];
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        match reference(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Parses one reference at the start of `s` (which starts with `&`).
/// Returns the character and the byte length consumed.
fn reference(s: &str) -> Option<(char, usize)> {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let (radix, start) = if matches!(b.get(2), Some(b'x' | b'X')) {
            (16, 3)
        } else {
            (10, 2)
        };
        let digits = b[start..]
            .iter()
            .take_while(|c| c.is_ascii_hexdigit() && (radix == 16 || c.is_ascii_digit()))
            .count();
        if digits == 0 || digits > 8 {
            return None;
        }
        let n = u32::from_str_radix(&s[start..start + digits], radix).ok()?;
        let mut len = start + digits;
        if b.get(len) == Some(&b';') {
            len += 1;
        }
        return Some((numeric(n), len));
    }
    let name_len = b[1..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .take(12)
        .count();
    if name_len == 0 {
        return None;
    }
    let name = &s[1..1 + name_len];
    let c = named(name)?;
    let mut len = 1 + name_len;
    if b.get(len) == Some(&b';') {
        len += 1;
    } else if !matches!(name, "amp" | "lt" | "gt" | "quot" | "nbsp" | "copy" | "reg") {
        // Only the legacy references may omit the semicolon.
        return None;
    }
    Some((c, len))
}

fn numeric(n: u32) -> char {
    const CP1252: [u32; 32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ];
    let n = if (0x80..0xA0).contains(&n) {
        CP1252[(n - 0x80) as usize]
    } else {
        n
    };
    if n == 0 {
        return '\u{FFFD}';
    }
    char::from_u32(n).unwrap_or('\u{FFFD}')
}

fn named(name: &str) -> Option<char> {
    let c = match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "nbsp" => '\u{A0}',
        "ensp" | "emsp" | "thinsp" => ' ',
        "zwj" => '\u{200D}',
        "zwnj" => '\u{200C}',
        "shy" => '\u{AD}',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "deg" => '°',
        "middot" => '·',
        "bull" => '•',
        "hellip" => '…',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "laquo" => '«',
        "raquo" => '»',
        "lsaquo" => '‹',
        "rsaquo" => '›',
        "prime" => '′',
        "Prime" => '″',
        "euro" => '€',
        "pound" => '£',
        "yen" => '¥',
        "cent" => '¢',
        "sect" => '§',
        "para" => '¶',
        "times" => '×',
        "divide" => '÷',
        "plusmn" => '±',
        "frac12" => '½',
        "frac14" => '¼',
        "frac34" => '¾',
        "iexcl" => '¡',
        "iquest" => '¿',
        "ordf" => 'ª',
        "ordm" => 'º',
        "szlig" => 'ß',
        "dagger" => '†',
        "acute" => '´',
        "uml" => '¨',
        "micro" => 'µ',
        "larr" => '←',
        "rarr" => '→',
        "oelig" => 'œ',
        "OElig" => 'Œ',
        "aelig" => 'æ',
        "AElig" => 'Æ',
        "eth" => 'ð',
        "ETH" => 'Ð',
        "thorn" => 'þ',
        "THORN" => 'Þ',
        "oslash" => 'ø',
        "Oslash" => 'Ø',
        "scaron" => 'š',
        "Scaron" => 'Š',
        "zcaron" => 'ž',
        "Zcaron" => 'Ž',
        _ => return accented(name),
    };
    Some(c)
}

/// `&eacute;`, `&Uuml;`, `&ccedil;`, `&atilde;`, `&aring;` ...
fn accented(name: &str) -> Option<char> {
    let mut chars = name.chars();
    let base = chars.next()?;
    let mark = chars.as_str();
    let table: &[(char, &str, char)] = &[
        ('a', "grave", 'à'),
        ('a', "acute", 'á'),
        ('a', "circ", 'â'),
        ('a', "tilde", 'ã'),
        ('a', "uml", 'ä'),
        ('a', "ring", 'å'),
        ('e', "grave", 'è'),
        ('e', "acute", 'é'),
        ('e', "circ", 'ê'),
        ('e', "uml", 'ë'),
        ('i', "grave", 'ì'),
        ('i', "acute", 'í'),
        ('i', "circ", 'î'),
        ('i', "uml", 'ï'),
        ('o', "grave", 'ò'),
        ('o', "acute", 'ó'),
        ('o', "circ", 'ô'),
        ('o', "tilde", 'õ'),
        ('o', "uml", 'ö'),
        ('u', "grave", 'ù'),
        ('u', "acute", 'ú'),
        ('u', "circ", 'û'),
        ('u', "uml", 'ü'),
        ('y', "acute", 'ý'),
        ('y', "uml", 'ÿ'),
        ('n', "tilde", 'ñ'),
        ('c', "cedil", 'ç'),
        ('A', "grave", 'À'),
        ('A', "acute", 'Á'),
        ('A', "circ", 'Â'),
        ('A', "tilde", 'Ã'),
        ('A', "uml", 'Ä'),
        ('A', "ring", 'Å'),
        ('E', "grave", 'È'),
        ('E', "acute", 'É'),
        ('E', "circ", 'Ê'),
        ('E', "uml", 'Ë'),
        ('I', "grave", 'Ì'),
        ('I', "acute", 'Í'),
        ('I', "circ", 'Î'),
        ('I', "uml", 'Ï'),
        ('O', "grave", 'Ò'),
        ('O', "acute", 'Ó'),
        ('O', "circ", 'Ô'),
        ('O', "tilde", 'Õ'),
        ('O', "uml", 'Ö'),
        ('U', "grave", 'Ù'),
        ('U', "acute", 'Ú'),
        ('U', "circ", 'Û'),
        ('U', "uml", 'Ü'),
        ('Y', "acute", 'Ý'),
        ('N', "tilde", 'Ñ'),
        ('C', "cedil", 'Ç'),
    ];
    table
        .iter()
        .find(|(b, m, _)| *b == base && *m == mark)
        .map(|(_, _, c)| *c)
}

#[cfg(test)]
mod tests {
    use super::decode_entities;

    #[test]
    fn decodes_references() {
        let cases = [
            ("a &amp; b", "a & b"),
            ("don&#8217;t", "don’t"),
            ("don&#x2019;t", "don’t"),
            ("caf&eacute;", "café"),
            ("&laquo;oui&raquo;", "«oui»"),
            ("&#146;", "’"),
            ("AT&T", "AT&T"),
            ("&unknown;", "&unknown;"),
            ("&#xD800;", "\u{FFFD}"),
            ("&#99999999999;", "&#99999999999;"),
            ("&", "&"),
            ("&#", "&#"),
        ];
        for (input, want) in cases {
            assert_eq!(decode_entities(input), want, "input {input:?}");
        }
    }
}
