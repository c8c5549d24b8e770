"""Word lists for the synthetic news corpus.

Kept apart from the generator so the grammar stays readable. The lists mix in accented
names and places on purpose: the importer, the search index and the list view must handle
non-ASCII text at benchmark scale, not only in unit tests. Changing any list changes the
corpus, so bump `benchmarks.corpus.CORPUS_VERSION` when you edit them.
"""

from __future__ import annotations

FIRST_NAMES: tuple[str, ...] = (
    "Anna", "Boris", "Carlos", "Diana", "Emeka", "Fatima", "Georg", "Hana", "Igor",
    "José", "Katarzyna", "Liam", "Maria", "Nikolai", "Olga", "Pedro", "Quentin", "Rania",
    "Søren", "Tomás", "Ulrike", "Vadim", "Wei", "Xavier", "Yusuf", "Zoë", "Amélie",
    "Björn", "Chiara", "Dmitri", "Elena", "François", "Gabriela", "Hiroshi", "Ingrid",
    "Jürgen", "Kwame", "Leila", "Mateo", "Nadia", "Oskar", "Priya", "Rafael", "Sakura",
    "Thandiwe", "Valentina", "William", "Yevgeny", "George", "Margaret", "Vladimir",
)  # fmt: skip

SURNAMES: tuple[str, ...] = (
    "Müller", "Ivanov", "García", "Okafor", "Haddad", "Novak", "Robertson", "Perry",
    "Kowalski", "Lindqvist", "Dubois", "Rossi", "Tanaka", "Chen", "Nakamura", "Solovyov",
    "O'Brien", "Fernández", "Schröder", "Petrov", "Mensah", "Al-Masri", "Jensen", "Kovač",
    "Smith", "Johnson", "Brown", "Okonkwo", "Silva", "Costa", "Nguyen", "Kim", "Sato",
    "Bergström", "Łukasiewicz", "Yılmaz", "Papadopoulos", "Hernández", "Wójcik", "Volk",
    "Andersen", "Moreau", "Castillo", "Abubakar", "Singh", "Patel", "Horváth", "Dvořák",
)  # fmt: skip

ROLES: tuple[str, ...] = (
    "foreign minister", "defence secretary", "spokeswoman", "spokesman", "chief executive",
    "senior analyst", "secretary-general", "governor", "mayor", "prime minister",
    "finance minister", "chief economist", "envoy", "central bank governor",
    "opposition leader", "union leader", "prosecutor", "head of research", "ambassador",
    "deputy director", "military commander", "trade commissioner", "party chairman",
)  # fmt: skip

ORGANISATIONS: tuple[str, ...] = (
    "NATO", "the European Commission", "the United Nations", "the World Bank",
    "the International Monetary Fund", "the Heritage Foundation", "Gazprom", "Siemens",
    "the Kremlin", "the Pentagon", "the Bundesbank", "the Federal Reserve", "Interpol",
    "Amnesty International", "the Red Cross", "Médecins Sans Frontières", "OPEC",
    "the African Union", "ASEAN", "the WTO", "Reuters", "the Bank of Japan", "Nestlé",
    "the Ministry of Finance", "the Supreme Court", "the Senate", "the Bundestag",
    "the State Duma", "Crédit Agricole", "the Zürich Insurance Group", "Petrobras",
    "the Kiel Institute", "the Carnegie Endowment", "the Council of Europe", "Frontex",
)  # fmt: skip

PLACES: tuple[str, ...] = (
    "Moscow", "Brussels", "Washington", "Geneva", "Zürich", "Kyiv", "Warsaw", "Berlin",
    "Paris", "London", "Beijing", "Tokyo", "Lagos", "Nairobi", "Cairo", "Istanbul",
    "São Paulo", "Bogotá", "Montréal", "Kraków", "Reykjavík", "Düsseldorf", "Tbilisi",
    "Yerevan", "Baku", "Belgrade", "Pristina", "Sarajevo", "Chechnya", "Ukraine",
    "Yugoslavia", "the Balkans", "the Baltic states", "Brazil", "Nigeria", "Japan",
    "Málaga", "Göteborg", "Ankara", "Jakarta", "Manila", "Hanoi", "Seoul", "Canberra",
)  # fmt: skip

NOUNS: tuple[str, ...] = (
    "agreement", "talks", "economy", "election", "budget", "ceasefire", "alliance",
    "sanctions", "pipeline", "treaty", "reform", "inflation", "deficit", "coalition",
    "parliament", "market", "currency", "strategy", "investigation", "report", "summit",
    "negotiations", "border", "refugees", "exports", "tariffs", "security", "relations",
    "policy", "proposal", "vote", "crisis", "recovery", "shipment", "contract", "court",
    "ruling", "protest", "campaign", "delegation", "framework", "initiative", "dispute",
    "infrastructure", "harvest", "drought", "grid", "vaccine", "hospital", "café",
    "newspaper", "broadcaster", "spending", "debt", "bond", "loan", "factory", "port",
)  # fmt: skip

ADJECTIVES: tuple[str, ...] = (
    "new", "fragile", "long-awaited", "controversial", "bilateral", "regional",
    "strategic", "economic", "political", "military", "cautious", "unexpected", "sharp",
    "modest", "significant", "broader", "temporary", "permanent", "disputed", "joint",
    "fresh", "renewed", "formal", "informal", "preliminary", "final", "key", "rival",
    "senior", "domestic", "foreign", "public", "private", "urgent", "gradual",
)  # fmt: skip

VERBS_PAST: tuple[str, ...] = (
    "approved", "rejected", "signed", "delayed", "announced", "criticised", "welcomed",
    "suspended", "extended", "challenged", "postponed", "negotiated", "proposed",
    "endorsed", "questioned", "revived", "blocked", "cut", "raised", "expanded",
    "reviewed", "confirmed", "denied", "froze", "restored", "launched", "abandoned",
)  # fmt: skip

VERBS_BASE: tuple[str, ...] = (
    "approve", "reject", "sign", "delay", "announce", "review", "extend", "challenge",
    "restore", "expand", "revive", "suspend", "limit", "support", "oppose", "fund",
    "renegotiate", "reconsider", "accelerate", "strengthen", "undermine", "resume",
)  # fmt: skip

SAY_VERBS: tuple[str, ...] = (
    "said", "told reporters", "said in a statement", "wrote in a letter",
    "told a news conference", "said on state television", "added", "warned", "insisted",
    "acknowledged", "argued", "noted",
)  # fmt: skip

TIMES: tuple[str, ...] = (
    "on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday",
    "on Sunday", "last week", "earlier this month", "late on Tuesday", "this year",
    "in March", "in the spring", "after midnight", "within weeks", "by the end of the year",
    "a year ago", "since 1997", "in the first half of February", "over the weekend",
)  # fmt: skip

CONNECTIVES: tuple[str, ...] = (
    ", but", ", and", ", while", " — although", ", even though", "; meanwhile,",
    ", because", " — and", ", as", ", after",
)  # fmt: skip

OPENERS: tuple[str, ...] = (
    "However,", "Meanwhile,", "In a separate development,", "Separately,",
    "According to officials,", "Analysts say", "Diplomats noted that", "Critics argue that",
    "For now,", "Earlier,", "In recent months,", "Despite the setback,", "Even so,",
)  # fmt: skip

NUMBERS: tuple[str, ...] = (
    "19", "two", "three", "dozens of", "hundreds of", "1.5 billion", "€40 million",
    "$2.3 billion", "12 percent", "0.25 percentage points", "four", "several", "10,000",
    "£600 million", "70", "a third of the", "half of the",
)  # fmt: skip

KICKERS: tuple[str, ...] = (
    "ANALYSIS", "NEWS ANALYSIS", "EXCLUSIVE", "UPDATE", "OPINION", "INTERVIEW",
    "FACTBOX", "EXPLAINER", "WORLD", "BUSINESS",
)  # fmt: skip

BANNERS: tuple[str, ...] = (
    "Get the latest updates as we post them — right on your browser",
    "Subscribe to our daily newsletter for updates",
    "Skip to main content",
)  # fmt: skip

EMOJI: tuple[str, ...] = ("🌍", "📈", "🗳️", "⚠️", "👍")
