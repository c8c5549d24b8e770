"""Word lists behind entity suggestions and kind guessing.

Kept apart from the rules in `reader.core.suggest` so the rules stay readable. All entries are
casefolded.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.casefold().split())


def _names(text: str) -> frozenset[str]:
    """Names separated by "|", as written (a name may have spaces)."""
    return frozenset(name.strip() for name in text.split("|"))


# Words that introduce a person's name: "Foreign Minister Igor Ivanov", "Lord George Robertson".
TITLES = _words(
    """president vice-president minister prime premier lieutenant secretary secretary-general
    undersecretary chancellor lord lady sir dame baroness baron king queen prince princess
    pope cardinal bishop archbishop rabbi imam sheikh general gen. lt. colonel col. major
    captain admiral commander marshal sergeant ambassador envoy senator sen. congressman
    congresswoman representative rep. governor gov. mayor judge justice chairman chairwoman
    chair director spokesman spokeswoman mr mr. mrs mrs. ms ms. dr dr. prof. professor
    president-elect emir ayatollah patriarch chief commissioner attorney"""
)

# Words that may stand between a title and the organisation or place before it: the
# "Foreign" of "Foreign Minister", the "Deputy" of "Deputy Prime Minister".
TITLE_MODIFIERS = _words(
    """foreign defense defence interior finance economy economics trade justice health
    education energy home state deputy acting former first vice assistant special chief
    senior supreme top executive general federal national security intelligence transport
    agriculture culture environment labour labor development industry treasury war navy army
    homeland public social affairs immigration housing science technology digital
    competition"""
)

# Last words that make a name an organisation; acronyms are organisations too.
ORGANIZATION_HEADS = _words(
    """act administration agency alliance assembly association authority bank board bureau
    cabinet chamber church club coalition college commission committee company congress corp.
    corporation
    council court department directorate duma federation force forces foundation front fund
    government group guard inc. inc institute institution league ltd. ltd ministry movement
    museum nations network office organisation organization parliament party police
    republic-party school secretariat senate service services society times tribunal union
    university centre center treaty pact"""
)

# Words before a name that say what it is: "the newspaper Nezavisimoye Voyennoye Obozreniye".
ORGANIZATION_CUES = _words(
    """newspaper daily weekly magazine agency company firm group party bank broadcaster
    channel station network organisation organization institute ministry union"""
)
PLACE_CUES = _words(
    """city town village province region republic capital district county state island
    port country in from to near"""
)
# ("in", "from", "to" and "near" only count when nothing else decided the kind.)

# Last words that make a name a place.
PLACE_HEADS = _words(
    """river sea lake ocean mountains mountain island islands valley desert bay strait
    peninsula province region county district square street avenue airport"""
)

# Words that make a name an event or a thing, not an actor: kind "other".
OTHER_HEADS = _words("war revolution summit games cup olympics crisis accord accords")

# Capitalised words that begin sentences and are not names.
SENTENCE_STARTERS = _words(
    """a about above according across after afterwards against ahead all almost along
    already also although always amid among an analysts and another any anyway are as at
    back because before being below beside besides between beyond both but by can could
    despite did do does during each earlier either else elsewhere even ever every except
    few finally first following for former from further furthermore given had has have he
    her here hers herself him himself his how however i if in including indeed instead is
    it its itself just last later latest less let like many may maybe meanwhile might more
    moreover most much must my neither never nevertheless next no nobody none nor not
    nothing now of officials often on once one only or other others otherwise our out over
    overall perhaps political rather recently regardless second senior several she should
    similarly since so some still such than that the their them then there therefore these
    they this those though three through thus to today together tomorrow too two under
    unlike until up upon us very was we well were what whatever when where whether which
    while who whom whose why will with within without would yes yesterday yet you your
    military economic western eastern northern southern russian american european""",
)

# Capitalised words that are never entities on their own.
NOT_NAMES = _words(
    """monday tuesday wednesday thursday friday saturday sunday january february march
    april june july august september october november december eve christmas easter
    ramadan i mr mrs ms dr western eastern northern southern central""",
)

# Demonyms that do not derive from a place name by a regular ending.
DEMONYMS = _words(
    """french dutch swiss greek thai welsh irish scottish english british danish czech
    filipino kosovar soviet arab arabs jewish muslim christian catholic orthodox sunni shia
    shiite kurd kurds kurdish basque cossack"""
)

# Small words allowed inside a name: "Bank of Japan", "Council of Europe".
CONNECTORS = frozenset(
    {"of", "for", "de", "du", "von", "van", "der", "la", "al", "bin", "ibn", "bint", "the"}
)

# Places a packaged gazetteer of today's countries and cities does not list: historical
# states, regions and common short forms.
EXTRA_PLACES = _names(
    """Yugoslavia|Chechnya|Soviet Union|USSR|Russian Federation|Crimea|Tibet|Kashmir|
    Darfur|Gaza|Gaza Strip|Palestine|West Bank|Catalonia|Kurdistan|Siberia|Balkans|Caucasus|
    Dagestan|Ingushetia|Transnistria|Abkhazia|South Ossetia|Donbas|Europe|Asia|Africa|America|
    North America|South America|Latin America|Middle East|Central Europe|Eastern Europe|
    Western Europe|Central Asia|Scandinavia|Britain|Great Britain|England|Scotland|Wales|
    Northern Ireland|United States|U.S.|US|USA|U.S.A.|UK|U.K.|Holland|Czechoslovakia|
    East Germany|West Germany|Persian Gulf|Gulf|Pacific|Atlantic|Arctic|Antarctica|
    Mediterranean|Baltic|Black Sea|Red Sea|Washington|Hong Kong|Taiwan|Korea|
    North Korea|South Korea|Congo|Ivory Coast|Burma|Macedonia|Bosnia|Herzegovina|Serbia|
    Montenegro|Croatia|Slovenia|Pristina|Grozny"""
)

# Capitalised phrases that are dates or holidays, not entities.
NOT_PHRASES = frozenset({"new year", "new year's eve", "good friday", "cold war"})
