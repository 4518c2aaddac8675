"""Generates news articles with a real-looking event structure, for the
scale benchmark of `herald events` (bench/scale.sh).

Events of many kinds (earthquakes, summits, arrests, elections, product
launches, strikes, floods, trials) happen over several years, each in a
place with actors drawn from pools of invented names; each event is
reported by several outlets over the following days, in reworded
sentences, with details (numbers, times) shared or varied, some reports
being wire copies with other furniture. Several events of one kind share
vocabulary and differ in names, places and dates, as in real news.

Output: JSON Lines `{"id", "url", "title", "text", "published"}` (raw
articles, as `herald analyze` and `herald events` read them), and, with
--gold FILE, the event of each article id.

usage: generate.py N [--seed S] [--gold FILE] > articles.jsonl
"""
import argparse
import datetime
import json
import random
import sys

GIVEN = """Anna Marek Sofia Jonas Elena Tomas Lucia Pavel Nadia Oskar Irene Viktor
Clara Emil Rosa Mateo Ines Arjun Priya Kenji Aiko Omar Leila Samuel Hana
Dmitri Olga Felix Greta Rafael Marta Yusuf Amira Hugo Alma Teodor Vera
Lars Freya Diego Paula Ivan Daria Stefan Mila Karim Noor Bruno Lea""".split()
FAMILY = """Novak Kowalski Brandt Moreau Lindqvist Petrov Haddad Okafor Tanaka
Silva Romero Fischer Janssen Dubois Kovac Horvat Nakamura Mensah Costa
Berg Alvarez Ivanova Schmidt Rossi Markovic Nilsson Weber Castillo Sato
Keller Dragan Farouk Mendes Lambert Varga Quist Ortega Halloran Stein
Aksoy Bianchi Vogel Rahman Dimitrov Laine Ferreira Hartmann Oduya Lund""".split()
PLACES = """Aldmoor Brenvik Castellane Dunmore Eskerfield Falkhaven Greystone
Harrowgate Ilvermoor Jarnsted Kestrel Bay Lindenhall Marrowvale Northcliff
Oakhurst Pellmont Queensbury Ravensholm Saltmere Thornbury Umberlake
Valemont Westerby Yarrowdale Zennor Port Alvar Mount Serin Lake Oden
Cape Marlow Fort Hadley Sankt Veltin Riverton Brackwater Eastmarch""".split("\n")
PLACES = [p for line in PLACES for p in line.split() if p]
# Real news names far more people and places than a list can: invented
# ones from syllables, so that at a million articles a name still picks
# out a few events (as real names do), not thousands.
SYLLABLES = """ka ri mo len da vi sto ber an el tor mi sa nu ga pe lo ri
fen dor hal mar us ko ve ta bri sel""".split()
PLACE_ENDS = ["ton", "vik", "burg", "dale", "mouth", "ford", "stad", "grad", "ville", "haven"]


def invented(rng, parts):
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


_pools = random.Random(7)
PLACES += sorted({invented(_pools, 2) + _pools.choice(PLACE_ENDS) for _ in range(3000)})
FAMILY += sorted({invented(_pools, 3) for _ in range(3000)})
ORGS = """Meridian Systems|Northwind Energy|Calder Motors|Atlas Rail|Union of
Dockworkers|National Health Board|Harbor Bank|Vantage Air|Solace Pharma|
Granite Mining|Civic Alliance Party|Liberty Workers Union|Polar Telecom|
Summit Foods|Crescent Shipping""".replace("\n", " ").split("|")
ORGS = [o.strip() for o in ORGS]
OUTLETS = """Daily Courier|Evening Herald|Morning Ledger|Metro Times|Coastal
Post|Capital Wire|Northern Gazette|Valley News|Global Dispatch|City Journal|
Harbor Observer|Sunday Record""".replace("\n", " ").split("|")
OUTLETS = [o.strip() for o in OUTLETS]

KINDS = {
    "earthquake": {
        "titles": ["Magnitude {mag} earthquake strikes {place}",
                   "{place} quake kills {dead}",
                   "Rescuers search rubble after {place} earthquake"],
        "sentences": [
            "A magnitude {mag} earthquake struck {place} on {weekday}, killing at least {dead} people.",
            "The quake hit at {time} local time, collapsing buildings across {place}.",
            "{person}, the regional governor, said {dead} bodies had been recovered.",
            "\"We are still searching for survivors,\" {person} told reporters in {place}.",
            "Rescuers worked through the night as aftershocks shook {place}.",
            "The {org} sent teams and supplies to the area.",
            "Officials said {hurt} people were injured and {homes} homes destroyed.",
        ],
    },
    "summit": {
        "titles": ["{person} meets {person2} in {place}",
                   "{person} and {person2} hold talks in {place}",
                   "Leaders agree on trade at {place} summit"],
        "sentences": [
            "{person} met {person2} in {place} on {weekday} for talks on trade and security.",
            "The two leaders signed {deals} agreements, officials said.",
            "\"This is a new chapter in our relations,\" {person} said after the meeting.",
            "{person2} said the talks in {place} had been frank and constructive.",
            "Protesters gathered outside the venue as the summit opened.",
            "The {org} welcomed the agreements, calling them a step forward.",
            "It was the first visit by {person} to {place} in {years} years.",
        ],
    },
    "arrest": {
        "titles": ["{person} arrested in {place}",
                   "Police detain {person} after {place} incident",
                   "{org} star {person} held by police"],
        "sentences": [
            "{person} was arrested in {place} early on {weekday} on suspicion of drunken driving.",
            "Police said {person} failed a sobriety test at {time}.",
            "The {org} said it was aware of the arrest and gathering information.",
            "\"We take this matter seriously,\" a spokesman for the {org} said.",
            "{person} was released on bail of {bail} dollars.",
            "A court hearing in {place} is expected next month.",
            "It is the second such arrest involving the {org} this year.",
        ],
    },
    "election": {
        "titles": ["{person} wins {place} election",
                   "{org} claims victory in {place} vote",
                   "Voters in {place} elect {person}"],
        "sentences": [
            "{person} won the election in {place} on {weekday} with {share} percent of the vote.",
            "Turnout was {turnout} percent, the electoral commission said.",
            "\"The people of {place} have spoken,\" {person} told supporters.",
            "The {org} conceded defeat late in the evening.",
            "{person2}, the outgoing mayor, congratulated {person}.",
            "Observers said the vote in {place} was orderly.",
            "Counting continued in {district} districts overnight.",
        ],
    },
    "launch": {
        "titles": ["{org} unveils new device in {place}",
                   "{org} launches flagship product",
                   "{person} presents {org}'s latest model"],
        "sentences": [
            "{org} unveiled its new device at an event in {place} on {weekday}.",
            "Chief executive {person} said it would go on sale for {price} dollars.",
            "\"This is the best product we have ever made,\" {person} said.",
            "Analysts expect {org} to sell {units} million units in the first year.",
            "Shares of {org} rose {pct} percent after the announcement.",
            "The device will reach stores in {place} next month.",
            "Rivals are expected to respond with products of their own.",
        ],
    },
    "strike": {
        "titles": ["Workers strike at {org} in {place}",
                   "{org} staff walk out over pay",
                   "Strike halts {org} operations in {place}"],
        "sentences": [
            "Thousands of workers at {org} walked out in {place} on {weekday} over pay.",
            "Union leader {person} said {workers} members had joined the strike.",
            "\"We will not accept a pay cut,\" {person} told a rally in {place}.",
            "{org} said it regretted the action and remained open to talks.",
            "Management offered a raise of {pct} percent, which the union rejected.",
            "The strike is expected to last {days} days.",
            "Negotiator {person2} said talks would resume next week.",
        ],
    },
    "flood": {
        "titles": ["Floods hit {place} after heavy rain",
                   "{dead} dead as floods sweep {place}",
                   "Thousands evacuated in {place} floods"],
        "sentences": [
            "Floods swept through {place} on {weekday} after days of heavy rain, killing {dead} people.",
            "About {evacuated} residents were evacuated from low-lying areas.",
            "\"The water rose faster than anyone expected,\" said {person}, a local official.",
            "The {org} opened shelters in schools across {place}.",
            "The river reached {level} meters, a record, forecasters said.",
            "Roads and bridges around {place} were closed.",
            "{person2} called for more spending on flood defences.",
        ],
    },
    "trial": {
        "titles": ["{person} goes on trial in {place}",
                   "Court in {place} hears case against {person}",
                   "{person} denies charges at {place} trial"],
        "sentences": [
            "The trial of {person} opened in {place} on {weekday} on fraud charges.",
            "Prosecutors say {person} took {amount} million dollars from the {org}.",
            "\"My client is innocent,\" defence lawyer {person2} told the court.",
            "Judge {judge} said the trial would last {weeks} weeks.",
            "{person} faces up to {years} years in prison if convicted.",
            "Former colleagues from the {org} are expected to testify.",
            "The hearing in {place} was adjourned until {weekday}.",
        ],
    },
}
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
FURNITURE = ["Share this article.", "Read more: latest news.", "Sign up for our newsletter.",
             "Follow us for updates.", "Copyright reserved."]


def person(rng):
    return f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"


def event_facts(rng, day):
    return {
        "place": rng.choice(PLACES), "person": person(rng), "person2": person(rng),
        "org": rng.choice(ORGS), "judge": rng.choice(FAMILY),
        "weekday": WEEKDAYS[day.weekday()],
        "mag": f"{rng.uniform(4.5, 7.9):.1f}", "dead": rng.randint(2, 300),
        "hurt": rng.randint(10, 900), "homes": rng.randint(20, 5000),
        "time": f"{rng.randint(1, 12)}:{rng.randint(0, 59):02d}",
        "deals": rng.randint(2, 12), "years": rng.randint(2, 15),
        "bail": rng.randint(5, 200) * 1000, "share": rng.randint(40, 70),
        "turnout": rng.randint(35, 85), "district": rng.randint(3, 40),
        "price": rng.randint(199, 1499), "units": rng.randint(1, 30),
        "pct": rng.randint(2, 15), "workers": rng.randint(500, 20000),
        "days": rng.randint(2, 14), "evacuated": rng.randint(500, 50000),
        "level": f"{rng.uniform(3, 12):.1f}", "amount": rng.randint(2, 90),
        "weeks": rng.randint(2, 12),
    }


def report(rng, kind, facts, day, published):
    k = KINDS[kind]
    sentences = k["sentences"][:]
    rng.shuffle(sentences)
    chosen = [k["sentences"][0]] + [s for s in sentences if s != k["sentences"][0]][: rng.randint(3, 6)]
    text = " ".join(s.format(**facts) for s in chosen)
    dateline = f"{facts['place'].upper()}, {day.strftime('%B')} {day.day} ({rng.choice(OUTLETS)}) - "
    return rng.choice(k["titles"]).format(**facts), dateline + text, published


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--gold")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    start = datetime.date(2019, 1, 1)
    span = 6 * 365
    out = sys.stdout
    gold = {}
    written = 0
    event = 0
    while written < args.n:
        kind = rng.choice(list(KINDS))
        day = start + datetime.timedelta(days=rng.randrange(span))
        facts = event_facts(rng, day)
        reports = min(args.n - written, max(1, int(rng.paretovariate(1.3))))
        wire = None
        for _ in range(reports):
            published = day + datetime.timedelta(days=rng.choice([0, 0, 1, 1, 2, 3]))
            if wire is not None and rng.random() < 0.25:
                title, text = wire[0], wire[1] + " " + rng.choice(FURNITURE)
            else:
                title, text, _ = report(rng, kind, facts, day, published)
                wire = wire or (title, text)
            aid = f"g{written:07d}"
            out.write(json.dumps({
                "id": aid,
                "url": f"https://{rng.choice(OUTLETS).lower().replace(' ', '')}.example/{aid}",
                "title": title, "text": text,
                "published": published.isoformat(),
            }) + "\n")
            gold[aid] = f"ev{event}"
            written += 1
        event += 1
    if args.gold:
        with open(args.gold, "w") as f:
            json.dump({"doc_to_event": gold}, f)


if __name__ == "__main__":
    main()
