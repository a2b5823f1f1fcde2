"""Write the spin_fresh6 set: NN_original.txt / NN_spun.txt (and the clean articles) from originals.txt and clean.txt.

Session 13 (spin6).  Three spinners of styles other than seed 002's (whose WordNet-like single-word swaps
spin_fresh5 emulates), each with a thesaurus of this script's own, written from general knowledge of
article rewriters, NOT from rules/spin/ (which was not read before this script and the articles existed):

* ``phrase``  -- a "rewriter" that swaps multi-word phrases and idioms the way round-trip translation and
  paraphrase spinners do ("last year" -> "final 12 months", "hundreds of" -> "a whole bunch of",
  "according to" -> "in accordance with", "told reporters" -> "advised reporters"), plus a few single words;
* ``verbadj`` -- a spinner that swaps only verbs and adjectives, ordinary synonyms and wrong senses
  ("said" -> "acknowledged", "striking" -> "putting", "senior doctor" -> "elderly doctor");
* ``order``   -- a spinner that leaves the vocabulary alone and changes "the" constructions and word order
  lightly: "the centre of Ballinreagh" -> "Ballinreagh's centre", "the group's chairwoman" -> "the chairwoman
  of the group", '," said Name.' -> '," Name said.', '," she said.' -> '," said she.', "said on Monday" ->
  "on Monday said", "the figures" -> "figures".

Strength per article (from its header ``=== NN strength style topic``): light = keys (or, for ``order``,
single places) drawn at random until 5-10 occurrences are changed; medium = until 20-30; heavy = every
key / place, each with probability 0.85.  One form per key in an article; the first letter's case carried
over; all-capital words left.  One paragraph per line; the spun file has the same lines as the original.

    python benchmarks/data/spin_fresh6/make_spun.py
"""

from __future__ import annotations

import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
HELD_OUT = {"13", "14", "15", "16", "17", "18", "c08", "c09", "c10", "c11"}

PHRASE: dict[str, list[str]] = {
    "last year": ["final 12 months", "final yr"],
    "next year": ["subsequent 12 months", "subsequent yr"],
    "this year": ["this 12 months"],
    "a year": ["a yr", "per 12 months"],
    "the year": ["the 12 months"],
    "next month": ["subsequent month"],
    "last month": ["final month"],
    "the first time": ["the primary time"],
    "the first": ["the primary"],
    "hundreds of": ["a whole bunch of"],
    "thousands of": ["1000's of", "hundreds of"],
    "more than": ["greater than", "over"],
    "according to": ["in accordance with"],
    "as well as": ["in addition to"],
    "at least": ["no less than", "not less than"],
    "a number of": ["plenty of"],
    "a great deal": ["an important deal"],
    "for now": ["in the interim"],
    "once again": ["as soon as once more"],
    "once": ["as soon as"],
    "told reporters": ["advised reporters"],
    "told the court": ["advised the courtroom"],
    "told staff": ["advised employees"],
    "told parliament": ["advised parliament"],
    "the court": ["the courtroom"],
    "high court": ["excessive courtroom"],
    "court heard": ["courtroom heard"],
    "said in a statement": ["mentioned in an announcement"],
    "in a statement": ["in an announcement"],
    "take part in": ["participate in"],
    "took part": ["participated"],
    "make sure": ["be sure"],
    "carried out": ["carried out", "performed"],
    "set up": ["arrange", "arrange"],
    "put forward": ["put ahead"],
    "in the spring": ["within the spring"],
    "in the autumn": ["within the autumn"],
    "in the first half": ["within the first half"],
    "in the region": ["within the area"],
    "the region": ["the area"],
    "the way": ["the best way"],
    "clearing the way": ["clearing the best way"],
    "at risk": ["in danger"],
    "knocked down": ["knocked down", "demolished"],
    "take into account": ["bear in mind"],
    "taken into account": ["considered"],
    "a week": ["per week"],
    "every week": ["each week"],
    "every": ["each"],
    "a few": ["a couple of"],
    "a handful of": ["a small number of"],
    "the whole": ["the entire"],
    "every few nights": ["each few nights"],
    "the early hours": ["the early hours"],
    "in the early hours": ["within the early hours"],
    "the following": ["the next"],
    "the stars": ["the celebs"],
    "the sun": ["the solar"],
    "the earth": ["the earth"],
    "the sky": ["the sky"],
    "gone mad": ["gone mad", "misplaced my thoughts"],
    "woke her up": ["woke her up"],
    "in the morning": ["within the morning"],
    "in late january": ["in late January"],
    "an important part": ["an necessary half"],
    "important": ["necessary", "vital"],
    "play": ["play"],
    "if the weather allows": ["if the climate permits"],
    "the weather": ["the climate"],
    "public hearings": ["public hearings"],
    "fishing grounds": ["fishing grounds"],
    "raised concerns": ["raised issues"],
    "concerns": ["issues", "considerations"],
    "good day": ["good day"],
    "we believe": ["we consider"],
    "found a fair balance": ["discovered a good stability"],
    "fair": ["truthful", "honest"],
    "far too small": ["far too small"],
    "speed up": ["velocity up", "pace up"],
    "national grid": ["nationwide grid"],
    "already": ["already"],
    "struggling to": ["struggling to"],
    "expected to": ["anticipated to", "anticipated to"],
    "is expected": ["is anticipated"],
    "due to start": ["because of begin"],
    "due to": ["because of"],
    "in prison": ["in jail"],
    "jailed": ["jailed"],
    "pleaded guilty": ["pleaded responsible"],
    "guilty pleas": ["responsible pleas"],
    "counts of": ["counts of"],
    "breaking in": ["breaking in"],
    "at night": ["at evening", "at night time"],
    "night-time": ["night-time"],
    "came downstairs": ["got here downstairs"],
    "had since given up": ["had since given up"],
    "given up": ["given up"],
    "a few days before": ["a couple of days earlier than"],
    "before": ["earlier than", "earlier than"],
    "after": ["after"],
    "police stations": ["police stations"],
    "peace of mind": ["peace of thoughts"],
    "nothing to deserve it": ["nothing to deserve it"],
    "the leader of": ["the chief of"],
    "leader": ["chief"],
    "sentenced to": ["sentenced to"],
    "the fact that": ["the truth that"],
    "the police": ["the police"],
    "for the day": ["for the day"],
    "drinking water": ["ingesting water"],
    "water treatment plant": ["water remedy plant"],
    "heavy rain": ["heavy rain", "heavy rainfall"],
    "bottled water": ["bottled water"],
    "within hours": ["inside hours"],
    "within": ["inside"],
    "set up stations": ["arrange stations"],
    "a difficult week": ["a troublesome week"],
    "difficult": ["troublesome", "tough"],
    "small children": ["small kids"],
    "children": ["kids", "youngsters"],
    "older people": ["older folks"],
    "people": ["folks", "individuals"],
    "bring the work forward": ["convey the work ahead"],
    "cope with": ["deal with"],
    "much higher": ["a lot larger"],
    "higher": ["larger", "greater"],
    "highest level": ["highest stage"],
    "level": ["stage"],
    "to help with": ["to assist with"],
    "help": ["assist"],
    "heating bills": ["heating payments"],
    "bills": ["payments"],
    "one-off payment": ["one-off fee"],
    "payment": ["fee", "cost"],
    "payment plans": ["fee plans"],
    "bank accounts": ["financial institution accounts"],
    "finance minister": ["finance minister"],
    "the state": ["the state"],
    "struggling to pay": ["struggling to pay"],
    "feeding their children": ["feeding their youngsters"],
    "opposition parties": ["opposition events"],
    "low incomes": ["low incomes"],
    "wealthy households": ["rich households"],
    "the new year": ["the brand new 12 months"],
    "new": ["new", "brand new"],
    "energy suppliers": ["power suppliers"],
    "energy": ["power", "vitality"],
    "unless": ["except"],
    "consumer groups": ["shopper teams"],
    "groups": ["teams"],
    "group": ["group", "group"],
    "entitled to": ["entitled to"],
    "never applied": ["by no means utilized"],
    "never": ["by no means"],
    "customers": ["prospects", "clients"],
    "worried": ["apprehensive", "frightened"],
    "early": ["early"],
    "announced": ["introduced"],
    "the announcement": ["the announcement"],
    "the government": ["the federal government"],
    "government": ["authorities"],
    "jobs": ["jobs"],
    "during construction": ["throughout building"],
    "during": ["throughout"],
    "construction": ["building", "development"],
    "around": ["round"],
    "about": ["about", "roughly"],
    "offshore": ["offshore"],
    "wind farm": ["wind farm"],
    "electricity": ["electrical energy"],
    "power": ["energy"],
    "homes": ["properties", "houses"],
    "home": ["house", "residence"],
    "the largest": ["the most important", "the biggest"],
    "largest": ["largest", "greatest"],
    "the local": ["the native"],
    "local": ["native"],
    "members": ["members"],
    "fishermen": ["fishermen"],
    "environmental groups": ["environmental teams"],
    "welcomed the decision": ["welcomed the choice"],
    "decision": ["choice", "resolution"],
    "urged": ["urged"],
    "upgrade": ["improve"],
    "existing": ["current", "present"],
    "cities": ["cities"],
    "the south": ["the south"],
    "contracts": ["contracts"],
    "foundations": ["foundations"],
    "substation": ["substation"],
    "the developer": ["the developer"],
    "the site": ["the positioning", "the location"],
    "site": ["website", "web site"],
    "flats": ["flats"],
    "the sale": ["the sale"],
    "until": ["till"],
    "appeal": ["enchantment", "attraction"],
    "heritage": ["heritage"],
    "setback": ["setback"],
    "raised": ["raised"],
    "a serious question": ["a severe query"],
    "serious": ["severe", "critical"],
    "question": ["query"],
    "whether": ["whether or not"],
    "county council": ["county council"],
    "followed its own rules": ["adopted its personal guidelines"],
    "own": ["personal"],
    "rules": ["guidelines"],
    "removed": ["eliminated"],
    "the list": ["the record", "the checklist"],
    "protected structures": ["protected constructions"],
    "agreed to": ["agreed to"],
    "planned to": ["deliberate to"],
    "start work": ["begin work"],
    "start": ["begin"],
    "barrister": ["barrister"],
    "any delay": ["any delay"],
    "cost the company": ["price the corporate"],
    "company": ["firm", "firm"],
    "the company": ["the corporate"],
    "cost": ["price", "value"],
    "built": ["constructed", "in-built"],
    "rebuilt": ["rebuilt"],
    "the balance of justice": ["the steadiness of justice"],
    "balance": ["steadiness", "stability"],
    "keeping things": ["preserving issues"],
    "things": ["issues"],
    "as they are": ["as they're"],
    "file its evidence": ["file its proof"],
    "evidence": ["proof"],
    "weeks": ["weeks"],
    "outside the court": ["exterior the courtroom"],
    "outside": ["exterior", "outdoors"],
    "chairwoman": ["chairwoman"],
    "delighted": ["delighted"],
    "we are not against": ["we aren't towards"],
    "housing": ["housing"],
    "simply": ["merely", "merely"],
    "the law": ["the regulation", "the legislation"],
    "properly": ["correctly"],
    "building": ["constructing"],
    "means": ["means"],
    "this town": ["this city"],
    "town": ["city", "city"],
    "would not comment": ["wouldn't remark"],
    "comment": ["remark"],
    "proceedings": ["proceedings"],
    "ongoing": ["ongoing"],
    "february": ["February"],
    "an amateur astronomer": ["an beginner astronomer"],
    "amateur": ["beginner", "novice"],
    "amateurs": ["novices", "amateurs"],
    "telescope": ["telescope"],
    "back garden": ["again backyard"],
    "garden": ["backyard"],
    "confirmed": ["confirmed"],
    "retired": ["retired"],
    "noticed": ["observed", "seen"],
    "faint": ["faint"],
    "smudge of light": ["smudge of sunshine"],
    "light": ["mild", "gentle"],
    "moving": ["transferring", "shifting"],
    "taking pictures": ["taking photos"],
    "pictures": ["photos", "footage"],
    "distant": ["distant"],
    "galaxy": ["galaxy"],
    "sent the results": ["despatched the outcomes"],
    "results": ["outcomes"],
    "network of observers": ["community of observers"],
    "network": ["community"],
    "object": ["object"],
    "short tail": ["quick tail"],
    "short": ["quick", "brief"],
    "named after": ["named after"],
    "scientists": ["scientists"],
    "long orbit": ["lengthy orbit"],
    "long": ["lengthy"],
    "roughly": ["roughly"],
    "closest": ["closest"],
    "visible": ["seen"],
    "binoculars": ["binoculars"],
    "dark places": ["darkish locations"],
    "dark": ["darkish"],
    "places": ["locations"],
    "i have been looking": ["I've been wanting"],
    "looking": ["wanting", "trying"],
    "i never thought": ["I by no means thought"],
    "anything": ["something"],
    "my wife": ["my spouse"],
    "wife": ["spouse"],
    "discovery": ["discovery"],
    "showed": ["confirmed"],
    "still": ["nonetheless"],
    "the field": ["the sphere"],
    "professional": ["skilled"],
    "surveys": ["surveys"],
    "scan": ["scan"],
    "miss": ["miss"],
    "low on the horizon": ["low on the horizon"],
    "astronomy club": ["astronomy membership"],
    "club": ["membership"],
    "plans to": ["plans to"],
    "hold": ["maintain"],
    "public viewing nights": ["public viewing nights"],
    "public": ["public"],
    "a notice": ["a discover"],
    "notice": ["discover"],
    "households": ["households"],
    "surrounding villages": ["surrounding villages"],
    "tap water": ["faucet water"],
    "lifted": ["lifted"],
    "overwhelmed": ["overwhelmed"],
    "the water utility": ["the water utility"],
    "utility": ["utility"],
    "tests": ["exams", "assessments"],
    "health authority": ["well being authority"],
    "health": ["well being"],
    "the supply": ["the provision"],
    "supply": ["provide"],
    "safe to drink": ["protected to drink"],
    "safe": ["protected"],
    "apologised": ["apologised"],
    "review": ["evaluate", "overview"],
    "failed": ["failed"],
    "the storm": ["the storm"],
    "issued": ["issued"],
    "floodwater": ["floodwater"],
    "damaged": ["broken"],
    "filters": ["filters"],
    "supermarkets": ["supermarkets"],
    "ran out of": ["ran out of"],
    "the council": ["the council"],
    "residents": ["residents"],
    "fill containers": ["fill containers"],
    "especially": ["particularly", "particularly"],
    "families": ["households"],
    "councillor": ["councillor"],
    "need to know": ["must know"],
    "happen again": ["occur once more"],
    "again": ["once more"],
    "every time": ["each time"],
    "big storm": ["huge storm"],
    "big": ["huge", "massive"],
    "already planned": ["already deliberate"],
    "volumes": ["volumes"],
    "minister": ["minister"],
    "wholesale": ["wholesale"],
    "gas prices": ["gasoline costs", "fuel costs"],
    "prices": ["costs"],
    "instalments": ["instalments"],
    "fuel allowance": ["gasoline allowance"],
    "further": ["additional"],
    "paid directly": ["paid immediately"],
    "directly": ["immediately", "straight"],
    "acted": ["acted"],
    "many": ["many"],
    "food": ["meals"],
    "rent": ["hire"],
    "nobody": ["no person", "no one"],
    "choose": ["select"],
    "enough": ["sufficient"],
    "poor": ["poor"],
    "spokesman": ["spokesman"],
    "fairer": ["fairer"],
    "target": ["goal"],
    "insulation": ["insulation"],
    "likely": ["seemingly", "prone"],
    "increase": ["improve", "enhance"],
    "expect": ["count on", "anticipate"],
    "contact": ["contact"],
    "ask about": ["ask about"],
    "three men": ["three males"],
    "men": ["males"],
    "a series of": ["a collection of", "a sequence of"],
    "raids": ["raids"],
    "rural": ["rural"],
    "post offices": ["publish workplaces", "put up places of work"],
    "post office": ["publish workplace", "put up workplace"],
    "across the county": ["throughout the county"],
    "across": ["throughout"],
    "over the course of": ["over the course of"],
    "a total of": ["a complete of"],
    "total": ["complete"],
    "burglary": ["housebreaking"],
    "firearm": ["firearm"],
    "gang": ["gang"],
    "targeted": ["focused"],
    "small": ["small"],
    "cutting the power": ["reducing the ability"],
    "the back": ["the again"],
    "forcing open": ["forcing open"],
    "safes": ["safes"],
    "power tools": ["energy instruments"],
    "tools": ["instruments"],
    "village": ["village"],
    "lived above the shop": ["lived above the store"],
    "shop": ["store"],
    "shops": ["outlets", "retailers"],
    "hearing a noise": ["listening to a noise"],
    "threatened": ["threatened"],
    "shotgun": ["shotgun"],
    "prosecutor": ["prosecutor"],
    "terrified": ["terrified"],
    "the business": ["the enterprise"],
    "business": ["enterprise"],
    "caught": ["caught"],
    "detective": ["detective"],
    "a van": ["a van"],
    "bought with cash": ["purchased with money"],
    "bought": ["purchased"],
    "cash": ["money"],
    "officers": ["officers"],
    "farm shed": ["farm shed"],
    "rented": ["rented"],
    "caused fear": ["induced concern"],
    "fear": ["concern", "worry"],
    "communities": ["communities"],
    "losing": ["dropping", "shedding"],
    "banks": ["banks"],
    "victimless crimes": ["victimless crimes"],
    "took away": ["took away"],
    "cooperated": ["cooperated"],
    "installed": ["put in"],
    "alarms": ["alarms"],
    "time-delay safes": ["time-delay safes"],
    "branches": ["branches"],
    "screening": ["screening"],
}

VERBADJ: dict[str, list[str]] = {
    "said": ["acknowledged", "stated"],
    "says": ["states"],
    "told": ["advised", "instructed"],
    "warned": ["cautioned", "alerted"],
    "welcomed": ["embraced", "invited"],
    "published": ["revealed", "printed"],
    "waited": ["lingered"],
    "fell": ["decreased", "dropped"],
    "dropped": ["fell", "decreased"],
    "spent": ["invested", "consumed"],
    "credited": ["attributed"],
    "opened": ["unveiled", "launched"],
    "seen": ["noticed", "witnessed"],
    "pointed": ["indicated"],
    "free": ["liberate", "complimentary"],
    "older": ["aged", "elderly"],
    "senior": ["elderly", "aged"],
    "worked": ["labored", "functioned"],
    "showing": ["displaying", "exhibiting"],
    "thinks": ["believes"],
    "done": ["completed", "carried out"],
    "coming": ["approaching"],
    "tests": ["examines"],
    "hide": ["conceal", "disguise"],
    "held": ["kept", "maintained"],
    "found": ["discovered", "located"],
    "suitable": ["appropriate", "acceptable"],
    "separate": ["distinct", "different"],
    "long": ["prolonged", "lengthy"],
    "new": ["novel", "contemporary"],
    "emergency": ["urgent"],
    "extra": ["additional", "further"],
    "hard": ["difficult", "tough"],
    "written": ["penned", "composed"],
    "believed": ["thought", "considered"],
    "lost": ["misplaced", "forfeited"],
    "received": ["obtained", "acquired"],
    "drawing": ["attracting", "sketching"],
    "standing": ["status", "standing"],
    "full": ["complete", "entire"],
    "belonged": ["pertained"],
    "young": ["youthful"],
    "renovating": ["refurbishing"],
    "contacted": ["reached out to", "called"],
    "noticing": ["observing", "spotting"],
    "yellowed": ["yellowish"],
    "preparing": ["readying", "getting ready"],
    "playable": ["playable"],
    "handwritten": ["hand-written"],
    "incomplete": ["partial", "unfinished"],
    "rough": ["tough", "coarse"],
    "completed": ["finished", "accomplished"],
    "earlier": ["prior", "previous"],
    "conducted": ["performed", "carried out"],
    "performed": ["executed", "carried out"],
    "included": ["comprised"],
    "described": ["characterised", "portrayed"],
    "bold": ["daring", "courageous"],
    "restless": ["stressed", "uneasy"],
    "slow": ["gradual", "sluggish"],
    "striking": ["putting", "hanging"],
    "remarkable": ["exceptional", "outstanding"],
    "sat": ["rested", "sat"],
    "writing": ["composing", "penning"],
    "ambitious": ["enthusiastic", "formidable"],
    "perform": ["carry out", "execute"],
    "died": ["handed away", "passed away"],
    "plans": ["intends"],
    "record": ["document", "file"],
    "freely": ["openly"],
    "available": ["accessible", "obtainable"],
    "family-owned": ["family-run"],
    "founded": ["established", "based"],
    "agreed": ["consented", "concurred"],
    "buy": ["purchase", "acquire"],
    "smaller": ["tinier", "lesser"],
    "known": ["recognized", "identified"],
    "keep": ["retain", "preserve"],
    "loyal": ["devoted", "faithful"],
    "younger": ["more youthful", "youthful"],
    "changing": ["altering", "modifying"],
    "love": ["adore"],
    "needs": ["requires", "wants"],
    "expected": ["anticipated", "predicted"],
    "merged": ["combined", "amalgamated"],
    "reflected": ["mirrored", "replicated"],
    "rising": ["increasing", "climbing"],
    "pushed": ["forced", "shoved"],
    "independent": ["impartial", "unbiased"],
    "approved": ["authorised", "sanctioned"],
    "meeting": ["assembly", "satisfying"],
    "live": ["reside", "dwell"],
    "complained": ["grumbled", "protested"],
    "allowed": ["permitted"],
    "take": ["consume", "seize"],
    "noisier": ["louder"],
    "banned": ["prohibited", "outlawed"],
    "break": ["violate", "breach"],
    "face": ["confront", "encounter"],
    "welcome": ["pleasant", "nice"],
    "fell short": ["fell quick"],
    "sought": ["looked for", "pursued"],
    "proper": ["correct", "appropriate"],
    "woken": ["awakened", "roused"],
    "harder": ["tougher", "more durable"],
    "early": ["premature"],
    "run": ["operate", "handle"],
    "low-cost": ["low-priced", "cheap"],
    "move": ["relocate", "transfer"],
    "tried": ["attempted", "sought"],
    "strike": ["hit", "attain"],
    "living": ["residing", "dwelling"],
    "closest": ["nearest"],
    "reviewed": ["evaluated", "assessed"],
    "cleared": ["acquitted", "exonerated"],
    "served": ["functioned", "acted"],
    "denied": ["refuted", "rejected"],
    "carried": ["performed", "conducted"],
    "genuine": ["real", "authentic"],
    "argued": ["contended", "claimed"],
    "produced": ["generated", "created"],
    "copied": ["replicated", "duplicated"],
    "hidden": ["concealed", "disguised"],
    "declared": ["proclaimed", "announced"],
    "wept": ["cried", "sobbed"],
    "read": ["learn"],
    "thanked": ["appreciated"],
    "ruined": ["wrecked", "destroyed"],
    "waiting": ["ready", "awaiting"],
    "careful": ["cautious", "meticulous"],
    "complex": ["complicated", "intricate"],
    "study": ["examine", "research"],
    "awarded": ["granted", "bestowed"],
    "offered": ["provided", "supplied"],
    "reported": ["noted", "stated"],
    "alert": ["attentive", "vigilant"],
    "improved": ["enhanced", "improved"],
    "arrives": ["shows up", "comes"],
    "hungry": ["starving", "famished"],
    "quiet": ["silent", "calm"],
    "tired": ["exhausted", "drained"],
    "started": ["began", "commenced"],
    "simple": ["basic", "easy"],
    "hire": ["employ", "rent"],
    "invited": ["requested"],
    "supply": ["provide", "furnish"],
    "stretched": ["overextended", "strained"],
    "required": ["obligated", "needed"],
    "supervise": ["oversee", "monitor"],
    "targeted": ["focused"],
    "wealthier": ["richer"],
    "replied": ["responded", "answered"],
    "universal": ["common", "common"],
    "avoided": ["prevented", "averted"],
    "checking": ["examining", "verifying"],
    "eat": ["devour", "consume"],
    "poorest": ["poorest"],
    "reach": ["attain", "get to"],
    "cut": ["reduce", "slash"],
    "sharp": ["steep", "acute"],
    "left": ["departed", "left"],
    "pay": ["compensate"],
    "higher": ["greater", "larger"],
    "important": ["essential", "crucial"],
    "reduce": ["decrease", "lower"],
    "fall": ["drop", "descend"],
    "avoid": ["evade", "dodge"],
    "punished": ["penalised", "disciplined"],
    "taken": ["made", "brought"],
    "cutting": ["slicing", "reducing"],
    "attractive": ["appealing", "engaging"],
    "worried": ["concerned", "anxious"],
    "larger": ["bigger"],
    "fewer": ["lesser"],
    "difficult": ["tough", "challenging"],
    "heavy": ["hefty", "weighty"],
    "damaged": ["harmed", "impaired"],
    "big": ["large", "huge"],
    "fastest": ["quickest", "speediest"],
    "released": ["launched", "issued"],
    "sold": ["offered", "vended"],
    "failed": ["didn't", "flopped"],
    "intense": ["extreme", "fierce"],
    "applying": ["making use of", "applying"],
    "ease": ["relieve", "soothe"],
    "holding": ["retaining", "grasping"],
    "stalled": ["stalled"],
    "discovered": ["found", "uncovered"],
    "retired": ["withdrawn", "superannuated"],
    "moving": ["shifting", "transferring"],
    "distant": ["far-off", "remote"],
    "faint": ["weak", "dim"],
    "visible": ["seen", "observable"],
    "named": ["called", "termed"],
    "lifted": ["raised", "elevated"],
    "overwhelmed": ["swamped", "flooded"],
    "climbed": ["rose", "ascended"],
    "struggling": ["battling", "striving"],
    "acted": ["behaved"],
    "fairer": ["more equitable"],
    "wealthy": ["rich", "affluent"],
    "entitled": ["eligible"],
    "applied": ["utilized", "used"],
}

ORDER_PATTERNS: list[tuple[str, str]] = [
    # the centre of Ballinreagh -> Ballinreagh's centre (a lowercase noun, a one-word proper name)
    (r"\bthe ([a-z]+) of ([A-Z][a-z]+)(?=[ ,.;])", "{2}'s {1}"),
    # the middle of the century -> the century's middle
    (r"\bthe ([a-z]{3,}) of the ([a-z]{3,})\b(?! of)", "the {2}'s {1}"),
    # the group's chairwoman -> the chairwoman of the group
    (r"\b(the|its|his|her) ([a-z]+)'s ([a-z]+)\b", "the {3} of {1} {2}"),
    # ," said Name Name.  ->  ," Name Name said.
    (r'," said ((?:Dr |Professor )?[A-Z][a-z]+(?: [A-Z][a-z]+)+)([.,])', '," {1} said{2}'),
    # ," she said.  ->  ," said she.
    (r'," (she|he) said([.,])', '," said {1}{2}'),
    # said on Monday -> on Monday said
    (r"\b(said|announced) on (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", "on {2} {1}"),
    # had always denied -> had denied always; effectively shut -> shut effectively
    (r"\b(has|have|had|is|was|are|were) (already|also|always|never|still|often|since) ([a-z]+ed)\b", "{1} {3} {2}"),
    (r"\b([a-z]{4,}ly) ([a-z]{3,}ed)\b", "{2} {1}"),
    # , which -> , that
    (r", which\b", ", that"),
    # a survey -> the survey
    (r"(?<=[a-z,] )a ([a-z]{4,})\b", "the {1}"),
    # the figures -> figures (plural common nouns after the, not at a sentence start)
    (r"(?<=[a-z,] )the ([a-z]{4,}s)\b(?! of)", "{1}"),
    # in the spring -> in spring
    (r"\bin the (spring|summer|autumn|winter|morning|evening)\b", "in {1}"),
]


def read_blocks(path: Path) -> list[tuple[str, list[str], str]]:
    blocks: list[tuple[str, list[str], str]] = []
    key, meta, lines = "", [], []  # type: ignore[var-annotated]
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("=== "):
            if key:
                blocks.append((key, meta, "\n".join(lines) + "\n"))
            parts = line.split()
            key, meta, lines = parts[1], parts[2:], []
        else:
            lines.append(line)
    blocks.append((key, meta, "\n".join(lines) + "\n"))
    return blocks


def lexical_pattern(thesaurus: dict[str, list[str]]) -> re.Pattern[str]:
    keys = sorted(thesaurus, key=len, reverse=True)
    return re.compile(r"(?<![\w'’-])(" + "|".join(re.escape(k) for k in keys) + r")(?![\w'’-])", re.IGNORECASE)


def keyof(m: re.Match[str]) -> str | None:
    w = m.group(1)
    if w.isupper() and len(w) > 1:
        return None
    low = w.lower()
    if w != low and w != low[0].upper() + low[1:] and not any(c.isupper() for c in low):
        return None
    return low


def target_of(strength: str, rng: random.Random) -> int | None:
    return {"light": rng.randint(6, 9), "medium": rng.randint(22, 30)}.get(strength)


def spin_lexical(text: str, thesaurus: dict[str, list[str]], strength: str, rng: random.Random) -> tuple[str, int]:
    pattern = lexical_pattern(thesaurus)
    found: dict[str, int] = {}
    for m in pattern.finditer(text):
        k = keyof(m)
        if k is not None and k in thesaurus:
            found[k] = found.get(k, 0) + 1
    keys = [k for k in sorted(found) if any(alt.lower() != k for alt in thesaurus[k])]
    rng.shuffle(keys)
    chosen: dict[str, str] = {}
    total = 0
    target = target_of(strength, rng)
    for k in keys:
        alts = [a for a in thesaurus[k] if a.lower() != k]
        if target is None:
            if rng.random() < 0.85:
                chosen[k] = rng.choice(alts)
                total += found[k]
        elif total + found[k] <= target:
            chosen[k] = rng.choice(alts)
            total += found[k]

    def sub(m: re.Match[str]) -> str:
        k = keyof(m)
        if k is None or k not in chosen:
            return m.group(0)
        out = chosen[k]
        return out[0].upper() + out[1:] if m.group(1)[0].isupper() else out

    return pattern.sub(sub, text), total


def spin_order(text: str, strength: str, rng: random.Random) -> tuple[str, int]:
    places: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for pat, form in ORDER_PATTERNS:
        for m in re.finditer(pat, text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            out = form
            for i, g in enumerate(m.groups(), 1):
                out = out.replace(f"{{{i}}}", g)
            if m.group(0)[0].isupper() and not out[0].isupper():
                out = out[0].upper() + out[1:]
            places.append((m.start(), m.end(), out))
            taken.append((m.start(), m.end()))
    rng.shuffle(places)
    target = target_of(strength, rng)
    chosen = []
    for p in places:
        if target is None:
            if rng.random() < 0.85:
                chosen.append(p)
        elif len(chosen) < target:
            chosen.append(p)
    for s, e, out in sorted(chosen, reverse=True):
        text = text[:s] + out + text[e:]
    return text, len(chosen)


def main() -> None:
    for part in ("dev", "heldout"):
        (HERE / part).mkdir(exist_ok=True)
    rng = random.Random(20261124 + 6)
    for key, meta, text in read_blocks(HERE / "originals.txt"):
        strength, style = meta[0], meta[1]
        part = "heldout" if key in HELD_OUT else "dev"
        if style == "order":
            spun, n = spin_order(text, strength, rng)
        else:
            spun, n = spin_lexical(text, PHRASE if style == "phrase" else VERBADJ, strength, rng)
        (HERE / part / f"{key}_original.txt").write_text(text, encoding="utf-8")
        (HERE / part / f"{key}_spun.txt").write_text(spun, encoding="utf-8")
        print(f"{part}/{key} {strength} {style}: {n} swaps")
    for key, _meta, text in read_blocks(HERE / "clean.txt"):
        part = "heldout" if key in HELD_OUT else "dev"
        (HERE / part / f"{key}_clean.txt").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
