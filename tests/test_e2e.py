"""End to end: the default pipeline on the seed-like articles of ``tests/data/e2e`` (twelve), ``tests/data/e2e2``
(ten, session 9), ``tests/data/e2e3`` (twelve, session 10), ``tests/data/e2e4`` (twelve, session 11),
``tests/data/e2e5`` (twelve, session 12) and ``tests/data/e2e6`` (twelve, session 13), see their READMEs.

Each case is compared with its hand-written clean text word by word (line breaks count as words, shown as
``¶``).  Where the tool gets a case right the output must match exactly; where it does not, every
difference that is left is listed below as (expected, textmend), so the test documents the known misses
and fails when one is mended (update the list) or a new one appears.  Cases 03, 06, 09 and 12 of e2e,
02, 04, 06, 08 and 10 of e2e2 and 02, 04, 06, 08, 10 and 12 of e2e3, e2e4, e2e5 and e2e6 are held out: scored, never
fixed from.  ``python benchmarks/e2e.py [--set e2e2|e2e3|e2e4|e2e5|e2e6]`` prints the same differences by stage.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

import textmend
from conftest import DATA

E2E = DATA / "e2e"
CASES = sorted(p.name[: -len(".expected.txt")] for p in E2E.glob("*.expected.txt"))
E2E2 = DATA / "e2e2"
CASES2 = sorted(p.name[: -len(".expected.txt")] for p in E2E2.glob("*.expected.txt"))
E2E3 = DATA / "e2e3"
CASES3 = sorted(p.name[: -len(".expected.txt")] for p in E2E3.glob("*.expected.txt"))
E2E4 = DATA / "e2e4"
CASES4 = sorted(p.name[: -len(".expected.txt")] for p in E2E4.glob("*.expected.txt"))
E2E5 = DATA / "e2e5"
CASES5 = sorted(p.name[: -len(".expected.txt")] for p in E2E5.glob("*.expected.txt"))
E2E6 = DATA / "e2e6"
CASES6 = sorted(p.name[: -len(".expected.txt")] for p in E2E6.glob("*.expected.txt"))

#: What textmend still gets wrong, per case: (expected words, textmend's words), in order.
KNOWN_MISSES: dict[str, list[tuple[str, str]]] = {
    "02_hospital_waits": [
        # despin (under): the spinner's swaps of one ordinary word for another ('workers' for staff, 'groups' for teams,
        # 'have been' for were, 'ready' for waiting, 'belief' for trust in lower case), which a word table cannot
        # tell from the author's own words; 'the federal government' is kept as written ('at the least two years' and
        # 'these over 65' are restored since session 11's despin6 rows)
        ("grow", "develop"),
        ("region", "area"),
        ("published", "revealed"),
        ("staff", "workers"),
        ("were", "have been"),
        ("Almost", "Nearly"),
        ("were waiting", "have been ready"),
        ("planned treatment", "deliberate therapy"),
        ("waiting", "ready"),
        ("data showed.", "facts confirmed."),
        ("were", "have been"),
        ("surprising”.", "stunning”."),
        ("trust", "belief"),
        ("extra", "additional"),
        ("staff", "workers"),
        ("teams", "groups"),
        ("incredibly", "extremely"),
        ("want", "wish"),
        ("some", "a few"),
        ("had", "needed"),
        ("free up", "release"),
        ("", "federal"),
        ("additional", "extra"),
        ("groups", "teams"),
        ("every", "each"),
        ("“Some", "“A few"),
        ("told", "instructed"),
        ("trust", "belief"),
        ("previous", "earlier"),
    ],
    "06_bakery_closures": [
        # held out (scored, never fixed from). despin (under): 'retailers' for shops, 'the place' for where, 'seek
        # out' for find, '1 / 4' for a quarter ... boilerplate (under): the spun update line ('Up to date' for
        # Updated) and the 'Also Read:' list at the end
        ("shops", "retailers"),
        ("slump", "droop¶Up to date 3:12 PM, Mon, June 8, 2026"),
        ("shops", "retailers"),
        ("end", "top"),
        ("firm", "agency"),
        ("were at", "have been in"),
        ("although", "though"),
        ("find", "seek out"),
        ("staff", "workers"),
        ("nearby", "close by"),
        ("shops", "retailers"),
        ("towns, where", "cities, the place"),
        ("visit", "go to"),
        ("a statement,", "an announcement,"),
        ("difficult”.", "tough”."),
        ("", "best"),
        ("shop,", "store,"),
        ("", "now"),
        ("change", "vary"),
        ("stores", "shops"),
        ("delivery,", "supply,"),
        ("a quarter", "1 / 4"),
        ("in", "within"),
        ("company", "corporate"),
        ("loss", "lack"),
        ("compared", "in contrast"),
        ("profit", "revenue"),
        ("higher", "increased"),
        ("wet", "moist"),
        ("", "season"),
        ("kept shoppers", "stored customers"),
        ("quickly", "rapidly"),
        ("shops", "retailers"),
        ("places", "locations"),
        ("really", "actually"),
        ("Research.", "Analysis."),
        ("probably", "most likely"),
        ("right", "actual"),
        ("would", "will"),
        ("full list", "total listing"),
        ("staff.", "workers."),
        ("offer every worker", "provide each employee"),
        ("in", "within"),
        (
            "",
            "¶ Also Read:¶Pub chain Ironside to sell 60 sites to cut debt"
            "¶High street footfall falls for fifth month in a row"
            "¶Why your weekly shop prices more even as inflation eases",
        ),
    ],
    "09_charity_fraud": [
        # held out. despin (under): 'get well' for recover, 'bought' for sold, 'playing money owed' for gambling
        # debts, and ordinary-word swaps ('listening to' for hearing is restored since session 7)
        ("bank", "checking"),
        ("occasions", "events"),
        ("discovered", "found"),
        ("noticed", "seen"),
        ("one", "a single"),
        ("trust,”", "belief,”"),
        ("told", "instructed"),
        ("care for", "look after"),
        ("families.”", "households.”"),
        ("client", "consumer"),
        ("struggling with gambling debts", "fighting playing money owed"),
        ("always intended", "all the time supposed"),
        ("back.", "again."),
        ("sold", "bought"),
        ("because of", "due to"),
        ("advantage", "benefit"),
        ("who", "that"),
        ("completely,”", "utterly,”"),
        ("a statement", "an assertion"),
        ("throughout", "all through"),
        ("difficult", "tough"),
        ("recover", "get well"),
        ("under", "underneath"),
        ("take place", "happen"),
    ],
    "11_festival_cancelled": [
        # despin (under): ordinary-word swaps ('floor' for ground, 'levels' for stages, 'realm annually, in line
        # with'); 'crew' made 'team' (over: crew -> team is an ambiguous row with no context); some forms here are
        # the writer's own spinning ('We have now', 'would even be', 'people charges'); 'are able to to', 'carry out
        # a free concert' and 'Corn Trade' are restored since session 11's despin6 rows
        ("site", "location"),
        ("attract", "draw"),
        ("could", "may"),
        ("guarantee", "assure"),
        ("safety", "security"),
        ("staff.", "workers."),
        ("", "now"),
        ("ground", "floor"),
        ("simply", "just"),
        ("wet", "moist"),
        ("stages", "levels"),
        ("receive", "obtain"),
        ("", "likely"),
        ("offered", "provided"),
        ("chance", "possibility"),
        ("those fees", "people charges"),
        ("also", "even"),
        ("businesses", "companies"),
        ("would", "can"),
        ("serious", "severe"),
        ("area each year, according to", "realm annually, in line with"),
        ("towns", "cities"),
        ("would", "might"),
        ("at", "on"),
        ("evening,", "night,"),
        ("crew,", "team,"),
        ("because of", "due to"),
    ],
    "12_mountain_railway": [
        # held out. boilerplate (under): a travel disclosure ('Section | By NAME | DATE | N min read' goes since
        # session 11's byline.section_by_name, made from tests/data/e2e4); encoding (under): a mojibake closing
        # quote whose last byte was lost, after a space ('left, â€ said' became a dagger) or glued to the next
        # word ('woman, â€she'); typography: '“ When' left padded
        ("“When", "“ When"),
        ("left,” said", "left, †said"),
        ("woman,” she", "woman, â€she"),
        (
            "",
            "¶ Elena Sorriba travelled as a guest of the Valdoria tourist board, which did not review this article"
            " before publication.",
        ),
    ],
}


#: The same for the second set (tests/data/e2e2, session 9), measured after its fixes.
KNOWN_MISSES_2: dict[str, list[tuple[str, str]]] = {
    "01_exam_results": [
        # despin (under): ordinary-word swaps a word table cannot tell from the author's words ('examination' for
        # exam, 'topic' for subject, 'faculties' for schools outside a school context, 'have been' for were,
        # 'might post' for would publish); 'switch' (for replace) is read as the family's 'transfer'
        ("exam", "examination"),
        ("combined", "mixed"),
        ("exam", "examination"),
        ("published", "printed"),
        ("were", "have been"),
        ("subject", "topic"),
        ("staff.", "employees."),
        ("exam", "examination"),
        ("introduced", "launched"),
        ("replace", "transfer"),
        ("help", "support"),
        ("saw", "noticed"),
        ("thought about", "considered"),
        ("subject", "topic"),
        ("matters", "issues"),
        ("equipment", "tools"),
        ("classes", "lessons"),
        ("would publish", "might post"),
    ],
    "03_wind_farm": [
        # words (under): 'a' glued after a function word ('witha') is left: the token is under min_length, and a
        # token ending in 'a' is as often Spanish or Italian (rules/words/function_words.tsv)
        ("with a", "witha"),
    ],
    "04_bus_strike": [
        # held out (scored, never fixed from). despin (under): ordinary-word swaps ('in search of different
        # methods', 'corporate', 'varsity companies', 'restore prices', 'maintain speaking', 'might' for could)
        ("looking for other ways", "in search of different methods"),
        ("travel.", "trip."),
        ("take part.", "participate."),
        ("company", "corporate"),
        ("almost", "nearly"),
        ("of", ""),
        ("town’s", "city’s"),
        ("night", "evening"),
        ("school services", "varsity companies"),
        ("offered a rise", "provided an increase"),
        ("3", "three"),
        ("cut", "reduce"),
        ("kept", "stored"),
        ("town", "city"),
        ("fair", "good"),
        ("offer", "supply"),
        ("", "one of"),
        ("could", "might"),
        ("fuel", "gas"),
        ("repair costs", "restore prices"),
        ("keep talking.", "maintain speaking."),
        ("check", "test"),
        ("travel.", "trip."),
        ("would", "might"),
        ("schools", "faculties"),
        ("depend", "rely"),
        ("from", "at"),
        ("could", "might"),
    ],
    "07_marathon": [
        # despin (under): 'Metropolis' at the start of a headline (restored only after a capitalised word),
        # 'document' for record, 'compelled' for forced, 'come back first', 'sunshine' for light ...
        ("City", "Metropolis"),
        ("moves", "strikes"),
        ("forced", "compelled"),
        ("record", "document"),
        ("forced", "compelled"),
        ("attracts", "pulls"),
        ("since", "because"),
        ("began", "started"),
        ("highest", "best"),
        ("at", "on"),
        ("teams", "groups"),
        ("midday.", "noon."),
        ("conditions", "situations"),
        ("safety", "security"),
        ("", "back"),
        ("if", "when"),
        ("city", "town"),
        ("other", "different"),
        ("needed help because of", "wanted support due to"),
        ("were", "have been"),
        ("light", "sunshine"),
        ("would", "might"),
        ("along", "alongside"),
    ],
    "08_heatwave_trains": [
        # held out. words (under): 'in' glued after a word ('regionin') is left
        ("region in", "regionin"),
    ],
    "10_coral_study": [
        # held out. despin (under): ordinary-word swaps ('examine' for study without a determiner, 'the place' for
        # where, 'a lot' for much, 'Chopping' for cutting ...)
        ("help", "support"),
        ("study", "examine"),
        ("growing", "rising"),
        ("much faster", "a lot quicker"),
        ("those", "these"),
        ("nearby", "close by"),
        ("followed", "adopted"),
        ("during", "across"),
        ("region", "area"),
        ("where", "the place"),
        ("below,", "under,"),
        ("about", ""),
        ("", "few"),
        ("much", "a lot"),
        ("rest.", "remainder."),
        ("places are", "locations will"),
        ("", "be"),
        ("protect", "defend"),
        ("they can help", "they’ll support"),
        ("around", "round"),
        ("young in", "younger within"),
        ("each", "every"),
        ("could", "may"),
        ("damaged", "broken"),
        ("Other", "Different"),
        ("were", "have been"),
        ("a solution. Cutting", "an answer. Chopping"),
        ("only way", "one method"),
        ("most", "a lot"),
    ],
}


def _words(text: str) -> list[str]:
    return re.findall(r"\S+|\n", text.strip())


def _show(words: list[str]) -> str:
    return " ".join(words).replace(" \n ", "¶").replace("\n", "¶")


def differences(got: str, want: str) -> list[tuple[str, str]]:
    """(expected, got) for each stretch of words where ``got`` differs from ``want``."""
    a, b = _words(want), _words(got)
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    return [(_show(a[i1:i2]), _show(b[j1:j2])) for tag, i1, i2, j1, j2 in ops if tag != "equal"]


#: The same for the third set (tests/data/e2e3, session 10), measured after its fixes.
KNOWN_MISSES_3: dict[str, list[tuple[str, str]]] = {
    "02_business_wire": [
        # held out (scored, never fixed from). boilerplate (under): the head of a wire release ('NEWS PROVIDED BY')
    ],
    "03_match_report": [
        # despin (under): ordinary-word swaps ('transfer' for move, 'guests' for visitors, 'properly' for well,
        # 'confirmed' for showed, 'performed a game'); 'two targets up', 'within the 51st minute', 'the fringe of the
        # realm', 'nearly immediately' and 'one level behind' are restored since session 11's despin6 rows;
        # boilerplate (under): a 'Label: question?' teaser as the last line, sharing the article's words
        ("top", "high"),
        ("move", "transfer"),
        ("top", "highest"),
        ("visitors could", "guests might"),
        ("well", "properly"),
        ("move", "transfer"),
        ("quick", "fast"),
        ("showed real", "confirmed actual"),
        ("were", "have been"),
        ("would.”", "might.”"),
        ("second", "2nd"),
        ("who have played", "who’ve performed"),
        ("stay", "keep"),
        ("", "¶ Match ratings: who stood out at Quayside Park?"),
    ],
    "04_council_release": [
        # held out. boilerplate (under): a press release's label line, 'ENDS' and its 'Notes to editors'
        ("", "¶ Press release | Ashby Borough Council | Published 4 March 2026"),
    ],
    "06_island_travel": [
        # held out. despin (under): ordinary-word swaps ('units the tempo', 'guide' for book, 'prices' for costs,
        # 'keep' for stay, 'Home' for House in a name, 'no such thing as a store' ...); boilerplate (under): an
        # affiliate disclosure (despun in part) and the comment form's 'Logged in as ...' line
        ("sets", "units"),
        (
            "pace",
            "tempo¶This put up accommodates affiliate links. If you happen to book via them we might earn a small fee"
            " at no further price to you.",
        ),
        ("exactly", "strictly"),
        ("rush", "hurry"),
        ("book,", "guide,"),
        ("read", "learn"),
        ("costs", "prices"),
        ("extra", "further"),
        ("ahead.", "forward."),
        ("visitors stay", "guests keep"),
        ("only", "one"),
        ("each other", "one another"),
        ("at", "on"),
        ("House,", "Home,"),
        ("worth", "value"),
        ("around", "across"),
        ("rough", "tough"),
        ("places", "locations"),
        ("shop", "such thing as a store"),
        ("saw", "noticed"),
        ("hundreds", "a lot"),
        ("no one", "nobody"),
        ("at all.", "in any respect."),
        ("families,", "households,"),
        ("tours", "excursions"),
        ("noon", "midday"),
        ("evening", "night"),
        ("seemed", "appeared"),
        ("playing", "enjoying"),
    ],
    "07_shingles_faq": [
        # despin (under): ordinary-word swaps in a health FAQ ('anticipate', 'actually' for now, 'protected' for
        # safe, 'thousands and thousands', 'Widespread unintended effects', 'flawed', 'Sure.' for Yes, 'as soon
        # as' for once); 'p.c.' is restored as 'percent', the text had 'per cent'; 'Right here is' and 'more than as
        # soon as' are restored since session 11's despin6 rows
        ("expect", "anticipate"),
        ("now", "actually"),
        ("need to", "must"),
        ("can", "may"),
        ("usually", "often"),
        ("but", "however"),
        ("can also", "may as well"),
        ("safe?", "protected?"),
        ("millions", "thousands and thousands"),
        ("Common side", "Widespread unintended"),
        ("two.", "2."),
        ("a sign", "an indication"),
        ("a sign", "an indication"),
        ("anything", "something"),
        ("wrong,”", "flawed,”"),
        ("well", "nicely"),
        ("Two", "2"),
        ("six", "6"),
        ("apart, cut", "aside, minimize"),
        ("per cent, according to", "percent, in line with"),
        ("chance", "possibility"),
        ("Yes.", "Sure."),
        ("can", "may"),
        ("once,", "as soon as,"),
        ("still advised", "however suggested"),
        ("usually", "often"),
    ],
    "08_snow_warning": [
        # held out. boilerplate (under): a 'Weather desk | Updated TIME' line and two teasers at the end
        # ('Wednesdayevening' is split since session 11's glued_name)
        ("", "¶ Weather desk | Updated 09:15 GMT"),
        ("", "¶ Live updates: road closures and school closures¶How to get weather warnings on your phone"),
    ],
    # 09_letters_page: exact since session 11 (its one-comment Facebook thread goes: comment_thread.single)
    "10_drought_agency": [
        # held out. boilerplate (under): an agency dateline on a line of its own and a machine-translation note;
        # despin (under): 'federal government', 'is going to' for will, 'Faucet', 'the principle cities',
        # 'Atmosphere Minister', 'make use of', 'news started' for records began ...
        ("", "San Telmo, Mar 6 (Agencia Sur).– ¶"),
        ("", "federal"),
        ("will", "is going to"),
        ("capacity.", "capability."),
        ("Tap", "Faucet"),
        ("cut", "reduce"),
        ("every night", "each evening"),
        ("main", "principle"),
        ("Environment", "Atmosphere"),
        ("every household", "each family"),
        ("", "make"),
        ("", "of"),
        ("choice.", "selection."),
        ("lowest", "bottom"),
        ('records began."', 'news started."'),
        ("hurt", "damage"),
        ("", "federal"),
        ("would", "could"),
        ("according to", "in line with"),
        ("", "¶ This article was translated from Spanish by an automatic service and reviewed by our editors."),
    ],
    "12_tablet_review": [
        # held out. boilerplate (under): a review's rating and price lines under the headline, its 'Buy ... at
        # SHOP – £229' lines, a 'Related reviews' list and the reviewer's bio
        ("", "¶ Rating: ★★★★☆¶Price when reviewed: £229 | Check today’s price at Amazon"),
        ("", "¶ Buy the Lumo Pad 11 at Amazon – £229¶Buy at Currys – £229"),
    ],
}


#: The same for the fourth set (tests/data/e2e4, session 11), measured after its fixes.
KNOWN_MISSES_4: dict[str, list[tuple[str, str]]] = {
    "01_author_interview": [
        # words (under): 'the' glued to a plural under the frequency floor ('afternoons', 0.88 M) is left
        ("the afternoons", "theafternoons"),
    ],
    "02_opinion_column": [
        # held out (scored, never fixed from). boilerplate (under): the last teaser headline at the end; the
        # 'Opinion | NAME' line, 'Post to X' and the columnist's bio go since session 12's byline.column_label,
        # share.buttons phrases and bio.byline_author, made from tests/data/e2e5 dev 07 (not from this case)
        ("", "¶ Why our high streets need fewer car parks, not more"),
    ],
    "03_police_appeal": [
        # despin (under): the spinner's swaps ('carrying' for wearing, 'employees', 'money' for cash, 'gray',
        # 'primary', 'hooded prime'); the writer's 'shortly after', 'officers were' (police) and 'simply' are kept
        # since session 11's despin5 contexts; 'Police enchantment', 'submit workplace', 'in direction of', 'based
        # on the owner' and 'within the space' are restored since session 11's despin6 rows
        ("Two", "2"),
        ("wearing", "carrying"),
        ("staff", "employees"),
        ("cash", "money"),
        ("evening.", "night."),
        ("shop", "store"),
        ("grey", "gray"),
        ("less", "lower"),
        ("Two", "2"),
        ("were", "have been"),
        ("shop", "store"),
        ("physically hurt,", "physical injury,"),
        ("both were", "each have been"),
        ("were", "have been"),
        ("were", "have been"),
        ("shop.", "store."),
        ("first", "primary"),
        ("wearing", "carrying"),
        ("grey", "gray"),
        ("top.", "prime."),
    ],
    "04_comet_water": [
        # held out. encoding (under): 'Ł' (C5 81) whose second byte became U+FFFD ('Å�ucja' -> '�ucja');
        # its thread of one comment under '1 Comment' goes since the comments work (session 11), not fixed from it
        ("Łucja", "�ucja"),
        ("Ł.,", "�.,"),
    ],
    "06_byelection_results": [
        # held out. boilerplate (under): a results widget's line (its '1 of 1' kept since session 11's despin5);
        # 'Email this story' goes since session 12's share.buttons phrase (tests/data/e2e5 dev 01 and 07);
        # despin (under): 'gained' for won, 'management', 'rely' for count, 'total outcome', 'Unbiased' in the
        # results list, 'known as' for called
        ("", "Results: 1 of 1 wards declared ¶"),
        ("won", "gained"),
        ("control", "management"),
        ("at", "on"),
        ("last", "final"),
        ("in", "within"),
        ("count", "rely"),
        ("finished", "completed"),
        ("full result", "total outcome"),
        ("(Independent)", "(Unbiased)"),
        ("in", "within"),
        ("result", "outcome"),
        ("Road", "Street"),
        ("called", "known as"),
    ],
    "07_tram_strike": [
        # despin (under): the spinner's swaps ('companies' for services, 'provided an increase', 'supply' for offer,
        # '4 traces' for four lines, 'top' for end, 'websites' for sites, 'trip' for travel); 'Staff’ Union' is
        # restored since session 11's despin6 rows
        ("services", "companies"),
        ("who", "that"),
        ("offered a rise", "provided an increase"),
        ("wants", "needs"),
        ("offer", "supply"),
        ("four lines", "4 traces"),
        ("start", "beginning"),
        ("end", "top"),
        ("sites", "websites"),
        ("stay", "keep"),
        ("advised", "suggested"),
        ("travel", "trip"),
        ("can,", "will,"),
        ("check", "verify"),
    ],
    "08_celebrity_wedding": [
        # held out. encoding (under): an emoji whose last byte cp1252 leaves undefined was dropped, and the closing
        # quote's too; 'ðŸ’' + 'â€' were read as one character (💔 for 💍) until session 11, which leaves both:
        # five emoji end so, and a '”' written there is read as the emoji's last byte
        ("💍”.", "ðŸ’â€."),
    ],
    "09_house_prices": [
        # typography (under): the space '&nbsp;' leaves between '£' and the figure ('grewup' is split since session
        # 12's words5: an irregular past form before a particle)
        ("£285,000,", "£ 285,000,"),
    ],
    "10_school_uniform": [
        # held out. despin (under and over): 'Mother and father' is restored, but 'faculty' / 'college' /
        # 'varsity' become 'university', 'pinnacle', 'toddler' ('navy jumper', the writer's, is kept since
        # session 11's despin5: navy before a garment or colour is the colour)
        ("decision", "determination"),
        ("school", "university"),
        ("compulsory", "obligatory"),
        ("full", "total"),
        ("cost", "value"),
        ("child.", "toddler."),
        ("be able", "have the ability"),
        ("wear", "put on"),
        ("school", "varsity"),
        ("costs", "prices"),
        ("can", "might"),
        ("shops in", "retailers within"),
        ("town.", "city."),
        ("head", "pinnacle"),
        ("followed", "adopted"),
        ("in", "during"),
        ("families", "households"),
        ("part.", "half."),
        ("two", "2"),
        ("kit, could", "package, may"),
        ("supplier.", "provider."),
        ("at", "on"),
        ("school", "university"),
        ("were mostly pleased.", "have been largely happy."),
        ("guidance", "steerage"),
        ("schools", "faculties"),
        ("keep", "maintain"),
        ("items", "objects"),
        ("minimum.", "minimal."),
        ("families", "households"),
    ],
}


#: The same for the fifth set (tests/data/e2e5, session 12), measured after its fixes.
KNOWN_MISSES_5: dict[str, list[tuple[str, str]]] = {
    "01_bin_collections": [
        # despin (under and over): the spinner's word swaps ('charges' for rates, 'bigger', 'begins', 'adjustments',
        # 'session' for consultation, 'summer season', 'each fortnight', digits in a vote count); 'switch' in the
        # headline made 'transfer' (an ambiguous row); 'capable of ask', 'nonetheless be', 'each 3 weeks' and 'common
        # rubbish' are restored since session 12's despin7 rows
        ("switch", "transfer"),
        ("every", "each"),
        ("six", "6"),
        ("two", "2"),
        ("rates.", "charges."),
        ("five", "5"),
        ("larger", "bigger"),
        ("summer.", "summer season."),
        ("consultation", "session"),
        ("starts", "begins"),
        ("changes", "adjustments"),
    ],
    "02_ward_boundaries": [
        # held out (scored, never fixed from). boilerplate (under): a 'CITY HALL' label over the headline, a
        # 'DATE Updated DATE' line and the first line of a nonprofit's donation pitch ('Donate today' and
        # 'Republish this story' go); every mojibake of the page (à, á, ë, ê, é, curly quotes) is repaired
        # session 12 (furn5): the pairs below regenerated by a script when the boilerplate rules took more
        # furniture (not read to mend from)
        ("", "¶ Mar 4, 2026 Updated Mar 5, 2026"),
        ("", "¶ The Bellport Ledger is a nonprofit newsroom. Your gift keeps stories like this free for everyone."),
    ],
    "03_rugby_report": [
        # despin (under): 'each transformed' (both converted) and 'journey' for the verb travel, made 'trip'
        ("both converted", "each transformed"),
        ("travel", "trip"),
    ],
    "04_netball_final": [
        # held out. boilerplate (under): the competition's label above the headline (its one-line score widget 'TEAM 58
        # – 51 TEAM' under the label goes since session 13's teaser.score_widget, found by the suite); despin (under):
        # the spinner's swaps ('gained' for won, 'Objective shooter', 'makes an attempt', 'moment' for second, 'Could'
        # for May, 'Area' for Arena)
        ("", "Netball Cup Final ¶"),
        ("won", "gained"),
        ("at", "on"),
        ("Arena.", "Area."),
        ("Goal", "Objective"),
        ("attempts", "makes an attempt"),
        ("second", "moment"),
        ("back.", "again."),
        ("two", "2"),
        ("ago.", "in the past."),
        ("in", "within"),
        ("May.", "Could."),
    ],
    "06_lighthouse_keeper": [
        # held out. boilerplate (under): a 'DATE · 9 min read' line under the byline; the page's mojibake (C1 kept),
        # the pull quote printed again and the last paragraph that is a quotation are right
        ("", "¶ Saturday 14 March 2026 · 9 min read"),
    ],
    "08_your_say_parking": [
        # held out. despin (under): the spinner's swaps ('deliver' for bring, 'retailers', 'on-line purchasing',
        # 'Avenue' for Street, 'fees' for charges, 'present' for give, 'cause' for reason ...); boilerplate (under):
        # the reader's-letter prompt under 'Have your say'
        # session 12 (furn5): the pairs below regenerated by a script when the boilerplate rules took more
        # furniture (not read to mend from)
        ("bring", "deliver"),
        ("length", "size"),
        ("shops", "retailers"),
        ("shopping,", "purchasing,"),
        ("every", "each"),
        ("town", "city"),
        ("where", "the place"),
        ("rather", "reasonably"),
        ("three", "3"),
        ("in", "within"),
        ("Street", "Avenue"),
        ("first", "primary"),
        ("cost", "value"),
        ("according to", "based on"),
        ("less", "lower"),
        ("summer.", "summer season."),
        ("Other towns", "Different cities"),
        ("charges", "fees"),
        ("give", "show"),
        ("reason", "cause"),
    ],
    "10_garden_podcast": [
        # held out. boilerplate (under): a 'Gardening' label, 'Listen to this episode' and a player line, 'Show notes'
        # and its link; the transcript's mojibake (U+FFFD) and speaker lines are right
        # session 12 (furn5): the pairs below regenerated by a script when the boilerplate rules took more
        # furniture (not read to mend from)
        ("", "¶ 28:14 · Download · Embed"),
    ],
    "11_agency_rail_fares": [
        # despin (under and over): 'business’s' for industry's, 'most important' for biggest, 'federal government'
        # in a British story, 'maintain ... working' for keep ... running; the writer's 'vital' made 'important' (an
        # ambiguous row); 'retail costs index' is restored as the name 'Retail Prices Index', in capitals
        ("industry’s", "business’s"),
        ("biggest", "most important"),
        ("", "federal"),
        ("retail prices index.", "Retail Prices Index."),
        ("“vital”", "“important”"),
        ("keep", "maintain"),
        ("running", "working"),
    ],
}

#: The sixth batch (session 13, tests/data/e2e6): what textmend still gets wrong, per case.
KNOWN_MISSES_6: dict[str, list[tuple[str, str]]] = {
    "02_measles_explainer": [
        # held out (scored, never fixed from). boilerplate: 10 lines of furniture kept, 1 article line lost (e2e.py by
        # stage)
        # the pairs below written by a script from the output (not read to mend from)
        (
            "",
            "¶ Dana Whitfield and Marcus Lee¶The Ledger-Courier¶Published 6:02 a.m. CT Feb. 13, 2026 · "
            "Updated 3:45 p.m. CT Feb. 13, 2026¶Share this: Facebook · X · Email",
        ),
        ("What are the symptoms? ¶", ""),
        (
            "",
            "¶ Jan Ruiz · 2h¶My kids got their shots at the Bellmont clinic, took 10 minutes.¶Reply¶Paul "
            "Hendry · 1h¶Thanks for the clear info.¶Reply",
        ),
    ],
    "03_results_wire": [
        # despin (under): the spinner's swaps of one ordinary word for another ('value' for price, 'sooner', 'might',
        # 'customers' for shoppers, 'within', 'remain', 'many' for most, 'because' for as, 'buyers' for investors,
        # 'higher' for better), two made of ordinary words ('strikes manufacturing' for moves production, 'bigger
        # website' for larger site), 'vary' for range after an adjective ('its chocolate vary'), a contraction the
        # spinner made ('they'd'); 'costs' in the headline made 'prices' by an ambiguous row (the writer's word)
        ("costs", "prices"),
        ("price", "value"),
        ("faster", "sooner"),
        ("could", "might"),
        ("shoppers.", "customers."),
        ("in", "within"),
        ("stay", "remain"),
        ("most", "many"),
        ("as", "because"),
        ("moves production", "strikes manufacturing"),
        ("range", "vary"),
        ("larger site", "bigger website"),
        ("investors", "buyers"),
        ("were better", "had been higher"),
        ("they had", "they'd"),
    ],
    "04_earnings_wire": [
        # held out (scored, never fixed from). despin (under) 5 lines, boilerplate 1 line kept (e2e.py by stage)
        # the pairs below written by a script from the output (not read to mend from)
        ("", "HLVN $84.12 ▲ 5.9% After hours ¶"),
        ("revenue", "income"),
        ("data-center", "data-heart"),
        ("kept growing.", "saved rising."),
        ("Net income", "Internet revenue"),
        ("revenue", "income"),
        ("Street", "Road"),
        ("extended", "prolonged"),
        ("so", "thus"),
        ("would", "will"),
        ("next", "following"),
    ],
    "06_airfryer_review": [
        # held out (scored, never fixed from). boilerplate: 3 lines of furniture kept (e2e.py by stage)
        # the pairs below written by a script from the output (not read to mend from)
        ("", "Kitchen ¶"),
        (
            "",
            "¶ By Alyssa Brandt¶Why trust us? Our editors test every product we recommend. We may get paid "
            "if you buy something through our links.",
        ),
    ],
    "07_theatre_review": [
        # despin (under and over): ordinary-word swaps ('known as' for called, 'bought from beneath' for sold from
        # under, 'on' for at, 'seems lovely', 'naked wood', 'sunshine adjustments', 'appear', 'taking place', 'within
        # the half', 'snigger on', 'taking part in', 'convey', 'viewers on', 'noticed', 'heat' for warm, 'home' for
        # house); 'nonetheless' at the end of a clause read as however; the writer's 'chilly' made 'cold' by an
        # ambiguous row
        ("chilly", "cold"),
        ("called", "known as"),
        ("sold", "bought"),
        ("under", "beneath"),
        ("at", "on"),
        ("looks beautiful.", "seems lovely."),
        ("bare wooden", "naked wood"),
        ("light changes", "sunshine adjustments"),
        ("seem", "appear"),
        ("happening", "taking place"),
        ("in", "within"),
        ("part:", "half:"),
        ("laugh at", "snigger on"),
        ("playing", "taking part in"),
        ("bring", "convey"),
        ("audience at", "viewers on"),
        ("saw", "noticed"),
        ("warm,", "heat,"),
        ("in", "within"),
        ("house, still", "home, however"),
    ],
    "08_concert_review": [
        # held out (scored, never fixed from). despin (under) 6 lines, boilerplate 3 lines kept (e2e.py by stage)
        # the pairs below written by a script from the output (not read to mend from)
        ("", "Music | Review ¶"),
        ("", "By Jonah Reyes, Special to the Sentinel ¶"),
        ("way", "method"),
        ("making", "creating"),
        ("track", "monitor"),
        ("crowd at", "group on"),
        ("almost at once.", "nearly without delay."),
        ("song,", "tune,"),
        ("rough,", "tough,"),
        ("version", "model"),
        ("“Highway", "“Road"),
        ("in", "within"),
        ("", "¶ Photo gallery: Marisol Vega at the Orpheum (18 photos)"),
        ("record", "report"),
        ("only", "one"),
        ("sometimes", "typically"),
        ("under", "below"),
        ("main", "primary"),
        ("often", "typically"),
        ("cover", "canopy"),
    ],
    "10_jobs_report": [
        # held out (scored, never fixed from). boilerplate 1 line kept, words 1 line (e2e.py by stage)
        # the pairs below written by a script from the output (not read to mend from)
        ("", "Kevin Sato | Economics Correspondent ¶"),
        ("unemployment rate", "unemploymentrate"),
    ],
    "11_advice_column": [
        # despin (under): ordinary-word swaps ('verify' for check, 'Each software' for every application, 'may' for
        # can, 'permitted', 'larger', 'staff' for team, 'will' for may, 'It' for This, 'normally'), and contractions
        # the spinner made ('what's', 'doesn't'), which no table can tell from the writer's own
        ("check", "verify"),
        ("Every application", "Each software"),
        ("can", "may"),
        ("approved", "permitted"),
        ("what is", "what's"),
        ("bigger", "larger"),
        ("team.", "staff."),
        ("may", "will"),
        ("This", "It"),
        ("usually", "normally"),
        ("does not", "doesn't"),
    ],
    "12_advice_column": [
        # held out (scored, never fixed from). despin (under) 4 lines, boilerplate 1 line kept (e2e.py by stage)
        # the pairs below written by a script from the output (not read to mend from)
        ("", "Advice | Dear Mara ¶"),
        ("are", "might be"),
        ("rent", "lease"),
        ("yes,", "sure,"),
        ("exactly", "precisely"),
        ("you would", "you'll"),
        ("liable", "responsible"),
        ("", "all"),
        ("whole", ""),
        ("fees.", "charges."),
        ("other options.", "different choices."),
        ("accept", "settle for"),
        ("larger", "bigger"),
        ("companies", "firms"),
        ("fee.", "payment."),
        ("much", ""),
    ],
}


def test_the_twelve_cases_are_there() -> None:
    assert len(CASES) == 12 and all((E2E / f"{name}.txt").is_file() for name in CASES)
    assert set(KNOWN_MISSES) <= set(CASES)
    assert len(CASES2) == 10 and all((E2E2 / f"{name}.txt").is_file() for name in CASES2)
    assert set(KNOWN_MISSES_2) <= set(CASES2)
    assert len(CASES3) == 12 and all((E2E3 / f"{name}.txt").is_file() for name in CASES3)
    assert set(KNOWN_MISSES_3) <= set(CASES3)
    assert len(CASES4) == 12 and all((E2E4 / f"{name}.txt").is_file() for name in CASES4)
    assert set(KNOWN_MISSES_4) <= set(CASES4)
    assert len(CASES5) == 12 and all((E2E5 / f"{name}.txt").is_file() for name in CASES5)
    assert set(KNOWN_MISSES_5) <= set(CASES5)
    assert len(CASES6) == 12 and all((E2E6 / f"{name}.txt").is_file() for name in CASES6)
    assert set(KNOWN_MISSES_6) <= set(CASES6)


ALL = (
    [pytest.param(E2E, name, KNOWN_MISSES, id=f"e2e/{name}") for name in CASES]
    + [pytest.param(E2E2, name, KNOWN_MISSES_2, id=f"e2e2/{name}") for name in CASES2]
    + [pytest.param(E2E3, name, KNOWN_MISSES_3, id=f"e2e3/{name}") for name in CASES3]
    + [pytest.param(E2E4, name, KNOWN_MISSES_4, id=f"e2e4/{name}") for name in CASES4]
    + [pytest.param(E2E5, name, KNOWN_MISSES_5, id=f"e2e5/{name}") for name in CASES5]
    + [pytest.param(E2E6, name, KNOWN_MISSES_6, id=f"e2e6/{name}") for name in CASES6]
)


@pytest.mark.parametrize(("folder", "name", "misses"), ALL)
def test_case(folder: Path, name: str, misses: dict[str, list[tuple[str, str]]]) -> None:
    text = (folder / f"{name}.txt").read_text(encoding="utf-8")
    want = (folder / f"{name}.expected.txt").read_text(encoding="utf-8")
    result = textmend.clean(text)
    assert result.replay() == result.text
    if name not in misses:
        assert result.text.strip() == want.strip()
    assert differences(result.text, want) == misses.get(name, [])


@pytest.mark.parametrize(("folder", "name", "misses"), ALL)
def test_cleaning_twice_changes_nothing_more(folder: Path, name: str, misses: dict[str, list[tuple[str, str]]]) -> None:
    once = textmend.clean((folder / f"{name}.txt").read_text(encoding="utf-8")).text
    assert textmend.clean(once).text == once
