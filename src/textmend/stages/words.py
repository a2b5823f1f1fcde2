"""Stage 'words': split words that scraping or machine translation glued together.

"the capricious and corrupt dictatormost on earth" -> "dictator most".  The stage does one thing, and
errs on the side of leaving text alone: a glued word left in place costs little, a real word torn in two
("counteroffensive" -> "counter offensive", the street "Kraschatyk" -> "Kwacha tyr") is damage.

A token is split only when all of these hold:

* **shape**: it is a whole whitespace-delimited token made of lower-case ASCII letters (opening or
  closing punctuation and a possessive "'s" around it are fine), at least ``min_length`` long (or a
  function word glued to "the", "ofthe", at any length, split only so; or of 6 or 7 letters, two function
  words or very common words whose pair is a frequent bigram, "saidit", :func:`_short_split`).  Names and
  sentence starts (capitals), URLs, e-mail addresses, hashtags, handles, numbers, code (``_``, ``.``,
  ``/``, digits inside), hyphenated and non-English (accented) words never qualify;
* **unknown**: it is not in symspellpy's 82,765-word English frequency list, not an inflection of a word
  there ("counteroffensives"), and not in the lists of real words that merely look glued
  (``rules/words/known_words_scowl.txt``, derived from SCOWL; ``rules/words/never_split.txt``, curated
  brands, modern compounds and foreign words; the ``keep`` option);
* **one clear split** into two English words, the most likely by symspellpy's frequencies and ``min_margin``
  (ten times) likelier than any other split:

  - one part is a function word (``rules/words/function_words.tsv``: "the", "of", "most", "was" ...), or
    the first part is an inflected word ("developers|keep", "tweeted|before"): solid compounds missing
    from the dictionary are two content words with an uninflected head ("gameplay", "frontman");
  - the content parts occur at least ``min_part_frequency`` times in the frequency list;
  - parts of one or two letters only from ``rules/words/short_parts.txt``; "a" only before a consonant
    and not before an "-al"/"-ic" adjective ("ahistorical"), "an" only before a vowel;
  - the first part is not a compounding prefix (``rules/words/compound_prefixes.txt``: "counter",
    "over", "super", "live", "smart" ...) and the second not a suffix-like word
    (``rules/words/compound_suffixes.txt``: "ism", "less", "ware", "man" ...), unless the other part is
    a function word ("underthe", "beingable");
* **document guard**: the document, and the token's line, are English (``min_english_share``); the token
  appears only once in the document, never capitalised there, and its parts are not written hyphenated
  ("live-stream") elsewhere in it: a word that recurs is a word.

Spelling is never corrected: a part must be in the dictionary exactly.  symspellpy's own
``word_segmentation`` is not used because it corrects spelling on the way (it turns "Kraschatyk" into
"Kwacha tyr"), and its 3.6 s index is not needed: the stage reads symspellpy's shipped unigram and
bigram frequency files into plain dicts (about 0.35 s with the rule files, once per process, on the
first candidate token, never at import).

Two narrower rules split other glue: ``glued_capital``, a preposition, "the" or "and" glued to a
capitalised word ("inNovember", :func:`capital_glue_edits`); ``glued_number``, a preposition or month
glued to a number or a number to a plural noun ("since2019", "June3", "12years", :func:`number_glue_edits`).
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from textmend import lexicon as frequency
from textmend.edits import Edit, LineTest, StageOutput, apply_edits, to_fixpoint
from textmend.rules import RuleError, read_token_set, read_tsv, rules_path

NAME = "words"
RULE = "glued_word"
CAPITAL_RULE = "glued_capital"
NUMBER_RULE = "glued_number"
POSSESSIVE_RULE = "glued_possessive"
NAME_RULE = "glued_name"
START_RULE = "glued_start"
#: Every rule an edit of this stage can carry, and that ``disabled`` accepts.
RULES: frozenset[str] = frozenset({RULE, CAPITAL_RULE, NUMBER_RULE, POSSESSIVE_RULE, NAME_RULE, START_RULE})


#: The shortest ``min_length`` supported: ``known_words_scowl.txt`` holds real words from five letters up.
MIN_LENGTH_FLOOR = 5

# A maximal run of lower-case ASCII letters not touching any other letter, digit or "_".
_CANDIDATE = {n: re.compile(rf"(?<!\w)[a-z]{{{n},}}(?!\w)") for n in range(MIN_LENGTH_FLOOR, 21)}
_OPENERS = "\"'([{\u201c\u2018\u00ab"  # quotes (straight, curly, guillemet) and brackets
_CLOSERS = "\"')]}\u201d\u2019\u00bb.,;:!?"
#: The characters ``\s`` matches in a str pattern (those whose ``str.isspace()`` is true), listed.  A
#: class of listed characters is one table look-up a character for the regex engine, where ``\s`` is a
#: category test: _BOUNDED's findall runs about 13 % faster (tests/test_words.py checks the list).
_WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
# A candidate as :func:`_token_bounds` can accept it: after a space or an opener, before a space, a closer
# (a possessive starts with one) or the end; one group, the token.  Every token that has an occurrence
# passing _token_bounds is found (one at the very start of the text is looked for apart); an occurrence
# this misses fails _token_bounds.  The regex starts with a character class, so the engine tries only
# after spaces and openers, not at every character as with the lookbehind of _CANDIDATE.
_BOUNDED = {
    n: re.compile(rf"[{re.escape(_WHITESPACE + _OPENERS)}]([a-z]{{{n},}})(?=[{re.escape(_WHITESPACE + _CLOSERS)}]|\Z)")
    for n in range(MIN_LENGTH_FLOOR, 21)
}
_POSSESSIVES = ("'s", "\u2019s", "'", "\u2019")
# Endings that make an inflected or derived form of a known word ("counteroffensive" + "s").
_INFLECTIONS = (
    ("s", ""),
    ("es", ""),
    ("ed", ""),
    ("ed", "e"),
    ("d", ""),
    ("ing", ""),
    ("ing", "e"),
    ("er", ""),
    ("er", "e"),
    ("ers", ""),
    ("ers", "e"),
    ("ly", ""),
    ("ness", ""),
    ("ies", "y"),
    ("ied", "y"),
)


@dataclass(frozen=True)
class Options:
    """Options for the words stage (the defaults are the measured, conservative ones; see docs/words.md)."""

    #: Shortest token considered (shorter glued words like "ofthe" are left: too many real short words).
    min_length: int = 8
    #: Both parts must occur at least this often in symspellpy's frequency list ("dictator": 1.37 million).
    min_part_frequency: int = 1_000_000
    #: The best split must beat the runner-up by this many orders of magnitude (log10 of the score).
    min_margin: float = 1.0
    #: Also split two content words when the first is inflected ("developerskeep", "tweetedbefore").
    after_inflected: bool = True
    #: Leave a token that recurs, is capitalised, or is written hyphenated elsewhere in the document.
    document_guard: bool = True
    #: The document guard also leaves documents (and lines) of eight words or more in which fewer than this
    #: share of the lower-case words are English dictionary words: foreign words are not glued English.
    #: Measured on the AEB pages: English articles 0.96 to 1.0, foreign ones below 0.25.
    min_english_share: float = 0.6
    #: Extra lower-case words never to split (an operator's additions to ``rules/words/never_split.txt``).
    keep: frozenset[str] = frozenset()
    #: Also split a function word glued to a capitalised word ("inNovember", "theWhite House"): rule
    #: ``glued_capital``.
    capitals: bool = True
    #: Rule ids switched off: ``glued_word`` (lower-case tokens), ``glued_capital``, ``glued_number``,
    #: ``glued_possessive``, ``glued_name``, ``glued_start``.
    disabled: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if not MIN_LENGTH_FLOOR <= self.min_length <= 20:
            raise ValueError(f"words.min_length must be between {MIN_LENGTH_FLOOR} and 20, not {self.min_length}")
        if self.min_part_frequency < 1:
            raise ValueError("words.min_part_frequency must be positive")
        if self.min_margin < 0:
            raise ValueError("words.min_margin must not be negative")
        object.__setattr__(self, "keep", frozenset(w.lower() for w in self.keep))
        object.__setattr__(self, "disabled", frozenset(self.disabled))


@dataclass(frozen=True)
class Lexicon:
    """Everything the stage looks words up in; built once per process by :func:`lexicon`."""

    unigrams: dict[str, int]
    bigrams: dict[str, int]  # keyed by frequency.pair(first, second)
    total: int
    known: frozenset[str]
    short_parts: frozenset[str]
    prefixes: frozenset[str]
    suffixes: frozenset[str]
    #: Function words that may stand first / second in a glued token (rules/words/function_words.tsv).
    function_first: frozenset[str]
    function_second: frozenset[str]
    #: The length of the longest word of ``unigrams`` (computed when not given): no part of a split is
    #: longer, so :func:`splits` tries only the cuts that leave both parts that short.
    longest: int = 0
    #: Irregular past-tense forms read as inflected first parts ("found|out", "grew|up";
    #: ``rules/words/past_forms.txt``, session 12).
    past: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if not self.longest:
            object.__setattr__(self, "longest", max(map(len, self.unigrams), default=0))


def read_word_list(*parts: str) -> frozenset[str]:
    """A rule file of lower-case words, one a line; checked: letters only, no duplicates, not empty."""
    return read_token_set(*parts, pattern=r"[a-z]+", what="a lower-case word", noun="word")


def read_function_words(*parts: str) -> tuple[frozenset[str], frozenset[str]]:
    """The function-word table: (words that may come first, words that may come second)."""
    first: set[str] = set()
    second: set[str] = set()
    seen: set[str] = set()
    where = "/".join(parts)
    for number, fields in read_tsv(rules_path(*parts)):
        if len(fields) not in (2, 3):
            raise RuleError(f"{where}:{number}: expected word, position and an optional comment")
        word, position = fields[0].strip(), fields[1].strip()
        if not re.fullmatch(r"[a-z]+", word):
            raise RuleError(f"{where}:{number}: {word!r} is not a lower-case word")
        if word in seen:
            raise RuleError(f"{where}:{number}: duplicate word {word!r}")
        if position not in ("first", "second", "either"):
            raise RuleError(f"{where}:{number}: position must be first, second or either, not {position!r}")
        seen.add(word)
        if position in ("first", "either"):
            first.add(word)
        if position in ("second", "either"):
            second.add(word)
    if not seen:
        raise RuleError(f"{where}: no words")
    return frozenset(first), frozenset(second)


@functools.cache
def lexicon() -> Lexicon:
    """Load the frequency lists and the rule files (once per process, on first use)."""
    unigrams = frequency.unigrams()
    bigrams = frequency.bigrams()
    known = read_word_list("words", "known_words_scowl.txt") | read_word_list("words", "never_split.txt")
    function_first, function_second = read_function_words("words", "function_words.tsv")
    return Lexicon(
        unigrams=unigrams,
        bigrams=bigrams,
        # symspellpy's word_segmentation uses this corpus size (Google's web trillion-word corpus).
        total=1_024_908_267_229,
        known=known,
        short_parts=read_word_list("words", "short_parts.txt"),
        prefixes=read_word_list("words", "compound_prefixes.txt"),
        suffixes=read_word_list("words", "compound_suffixes.txt"),
        function_first=function_first,
        function_second=function_second,
        past=read_word_list("words", "past_forms.txt"),
    )


@dataclass(frozen=True)
class Split:
    """A way to cut a token in two, with its score: log10 of how often "first second" is expected."""

    first: str
    second: str
    score: float
    #: The parts after ``second`` when three or four words were glued ("one|of|the", :func:`multi_splits`).
    more: tuple[str, ...] = ()

    @property
    def parts(self) -> tuple[str, ...]:
        return (self.first, self.second, *self.more)

    @property
    def text(self) -> str:
        return " ".join(self.parts)


def is_known(token: str, lex: Lexicon, keep: frozenset[str] = frozenset()) -> bool:
    """A dictionary word, a listed real word, or an inflection of one ("livestreamed", "lawmakers")."""
    if token in lex.unigrams or token in lex.known or token in keep:
        return True
    for ending, restore in _INFLECTIONS:
        if token.endswith(ending) and len(token) - len(ending) >= 3:
            stem = token[: len(token) - len(ending)] + restore
            if stem in lex.unigrams or stem in lex.known or stem in keep:
                return True
    return False


def _article_fits(first: str, second: str) -> bool:
    """ "a" before a consonant letter, "an" before a vowel letter ("anfallen" is German, not "an fallen")."""
    if first == "a":
        # "a unique" is fine, "a apple" is not; and "a" + "-al"/"-ic" adjective is the Greek privative
        # prefix ("ahistorical", "acellular", "aromantic") as often as a glued "a historical".
        return second[0] not in "aeio" and not second.endswith(("al", "ic", "ics"))
    if first == "an":
        return second[0] in "aeiouh"  # "an hour", "an honest"
    return True


def splits(token: str, lex: Lexicon) -> list[Split]:
    """Every cut of ``token`` into two dictionary words, most likely first.

    The score is log10 of the number of times the pair is expected in symspellpy's corpus: the bigram
    count when the pair is in the bigram list, else the product of the unigram frequencies.
    """
    out: list[Split] = []
    unigrams = lex.unigrams
    short_parts = lex.short_parts
    n = len(token)
    # Only cuts that leave both parts no longer than the longest dictionary word: a run of 80,000
    # letters tried every cut, each slicing and hashing the whole token (quadratic: 6 s).
    for i in range(max(1, n - lex.longest), min(n, lex.longest + 1)):
        # Each part must be a dictionary word, of three letters or more or a listed short part; its count
        # is looked up once (this runs for every cut of every unknown token).
        first = token[:i]
        c1 = unigrams.get(first)
        if c1 is None or (i < 3 and first not in short_parts):
            continue
        second = token[i:]
        c2 = unigrams.get(second)
        if c2 is None or (n - i < 3 and second not in short_parts) or not _article_fits(first, second):
            continue
        score = math.log10(c1) + math.log10(c2) - math.log10(lex.total)
        bigram = lex.bigrams.get(frequency.pair(first, second))
        if bigram:
            score = max(score, math.log10(bigram))
        out.append(Split(first, second, score))
    out.sort(key=lambda s: -s.score)
    return out


# Endings that mark an inflected first part ("developers|keep", "tweeted|before", "keeping|up",
# "quickly|became"): solid compounds almost never start with an inflected word, glued phrases often do.
_INFLECTED_FIRST = (
    ("s", ""),
    ("es", ""),
    ("ies", "y"),
    ("ed", ""),
    ("ed", "e"),
    ("ied", "y"),
    ("ing", ""),
    ("ing", "e"),
)


def inflected(word: str, lex: Lexicon, min_frequency: int) -> str | None:
    """The ending, when ``word`` is a regular inflection of a frequent word (stem of four letters or more);
    "past" for an irregular past-tense form of ``rules/words/past_forms.txt`` ("found", "grew")."""
    if word in lex.past:
        return "past"
    if word.endswith("ly") and len(word) >= 6 and lex.unigrams.get(word[:-2], 0) >= min_frequency:
        return "ly"
    for ending, restore in _INFLECTED_FIRST:
        if word.endswith(ending):
            stem = word[: len(word) - len(ending)] + restore
            if len(stem) >= 4 and lex.unigrams.get(stem, 0) >= min_frequency:
                return ending
    # A doubled final consonant ("cancelled", "planned", "stopping"): the stem without the second one.
    for ending in ("ed", "ing"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            stem = word[: len(word) - len(ending)]
            if stem[-1] == stem[-2] and stem[-1] not in "aeiouy" and lex.unigrams.get(stem[:-1], 0) >= min_frequency:
                return ending
    return None


#: What :func:`inflected` answers for a past-tense form: a regular one ("voted", "carried") or a listed one.
_PAST_ENDINGS = frozenset({"ed", "ied", "past"})
#: The particles a past-tense verb of ``past_forms.txt`` is split from ("found|out", "came|back"; session 12):
#: before other words a listed form is no glue sign ("cameleon", "meantone", "grewsome" are rare words).
#: The 6-7 letter test reads a regular or listed past form before these when the pair is frequent
#: (:data:`SHORT_MIN_BIGRAM`: "voted to" 68 M, "hoped to" 65 M, "moved in" 60 M, "grew up" 222 M).
PAST_PARTICLES = frozenset({"to", "in", "up", "out", "down", "off", "back", "over", "away"})


def _glued_after(first: str, second: str, lex: Lexicon, min_frequency: int) -> bool:
    """Whether ``first`` is inflected as the first word of a glued phrase is ("developers|keep",
    "tweeted|before"), an irregular past form only before a particle ("found|out", not "came|leon")."""
    ending = inflected(first, lex, min_frequency)
    return ending is not None and (ending != "past" or second in PAST_PARTICLES)


def choose_split(token: str, options: Options, lex: Lexicon | None = None) -> tuple[Split | None, str]:
    """The split to make for an out-of-context token, or None and the reason it is left alone.

    >>> choose_split("dictatormost", Options())[0].text
    'dictator most'
    >>> choose_split("counteroffensive", Options())[1]
    'known word'
    """
    lex = lex or lexicon()
    if is_known(token, lex, options.keep):
        return None, "known word"
    found = splits(token, lex)
    if not found:
        return choose_multi_split(token, options, lex)
    best = found[0]
    function_first = best.first in lex.function_first
    function_second = best.second in lex.function_second
    if best.first in lex.prefixes and not function_second:
        return None, f"'{best.first}' is a compounding prefix"
    if best.second in lex.suffixes and not function_first:
        return None, f"'{best.second}' is a derivational suffix"
    if best.second == "to" and (best.first.endswith("t") or len(best.first) < 4):
        # "-to" ends Italian, Spanish and Japanese words that English borrows: "quartetto", "quintetto"
        # (doubled "t"), "molto", "bento" (short head).  A glued "necessaryto" has a longer head.
        return None, f"'{token}' ends in '-to' as borrowed words do ('quartetto', 'bento')"
    if not (function_first or function_second):
        if not (options.after_inflected and _glued_after(best.first, best.second, lex, options.min_part_frequency)):
            return None, f"'{best.text}' would be two content words: more likely a compound"
    content = [p for p, fw in ((best.first, function_first), (best.second, function_second)) if not fw]
    rare = [p for p in content if lex.unigrams[p] < options.min_part_frequency]
    if rare:
        return None, f"'{rare[0]}' is not a frequent word"
    if len(found) > 1 and best.score - found[1].score < options.min_margin:
        return None, f"ambiguous: '{best.text}' or '{found[1].text}'"
    return best, "split"


#: The most parts :func:`multi_splits` cuts a token into, and the longest token it reads ("decisionwasmadeby"
#: is 17 letters): the cuts of a token grow as its length to the power parts - 1.
MAX_PARTS = 4
MAX_MULTI_LENGTH = 24


def multi_splits(token: str, lex: Lexicon) -> list[Split]:
    """Every cut of ``token`` into three to :data:`MAX_PARTS` dictionary words whose neighbours are pairs of
    symspellpy's bigram list ("one of", "of the"), most likely first.  Parts as in :func:`splits`: three
    letters or more or a listed short part, "a"/"an" before the right letter.

    The score extends :func:`splits`' to a chain: log10 of the count of the first pair, times the chance of
    each next word after the one before (its pair's count over the word's count).  A cut is
    followed only while its pairs are in the bigram list, so few are tried (real words cut into three
    dictionary entries seldom give common pairs: "est he tic", "art if act").
    """
    n = len(token)
    if n > MAX_MULTI_LENGTH:
        return []
    unigrams = lex.unigrams
    bigrams = lex.bigrams
    short_parts = lex.short_parts
    # Where a first part can end and a last part start: nearly every unknown token has no cut into three
    # words with common pairs, and most have no head or no tail at all (comprehensions: the no is cheap).
    heads = [i for i in range(3, n - 3) if token[:i] in unigrams]
    heads += [i for i in (1, 2) if token[:i] in short_parts]
    if not heads:
        return []
    tails = {j for j in range(min(heads) + 1, n - 2) if token[j:] in unigrams}
    tails.update(j for j in (n - 2, n - 1) if token[j:] in short_parts)
    if not tails:
        return []
    end = max(tails)
    log10 = math.log10
    found: list[Split] = []
    for i in heads:
        first = token[:i]
        for k in range(i + 1, end + 1):  # the second part, then the rest in one part or two
            second = token[i:k]
            if second not in unigrams or (k - i < 3 and second not in short_parts):
                continue
            pair = bigrams.get(f"{first} {second}")
            if not pair or not _article_fits(first, second):
                continue
            one = log10(pair) - log10(unigrams[second])
            if k in tails:  # three parts
                last = token[k:]
                pair = bigrams.get(f"{second} {last}")
                if pair and _article_fits(second, last):
                    found.append(Split(first, second, one + log10(pair), (last,)))
            if MAX_PARTS < 4:
                continue
            for j in tails:  # four parts
                third = token[k:j]
                if j <= k or third not in unigrams or (j - k < 3 and third not in short_parts):
                    continue
                pair = bigrams.get(f"{second} {third}")
                last = token[j:]
                pair2 = bigrams.get(f"{third} {last}") if pair else None
                if not pair or not pair2 or not _article_fits(second, third) or not _article_fits(third, last):
                    continue
                score = one + log10(pair) - log10(unigrams[third]) + log10(pair2)
                found.append(Split(first, second, score, (third, last)))
    found.sort(key=lambda s: -s.score)
    return found


def choose_multi_split(token: str, options: Options, lex: Lexicon) -> tuple[Split | None, str]:
    """For a token with no cut into two dictionary words: its split into three or four words ("oneofthe",
    "putonhold", "unabletoreach", "livedinthecity"), or None and the reason.

    The likeliest cut (:func:`multi_splits`) is made only when

    * each join has a function word on one side, or an inflected word before it ("trying|to", as for two
      parts); a function word inside the token may stand either side, at its ends only where
      ``function_words.tsv`` allows ("has|been|in" is left: "-in" ends "toxin", "-be" ends "probe");
    * no part is a single letter ("lack|a|day"), no two parts of two letters stand side by side
      ("do|of|uses" for "doofuses", "to|no|me|try"), no part is a suffix-like word of ``compound_suffixes.txt``
      ("council|or|ship", "author|is|able"), and the first part is no compounding prefix ("auto|to|my");
    * the content parts are frequent words of three letters or more;
    * it is ``min_margin`` likelier than any other cut :func:`multi_splits` finds.

    >>> choose_multi_split("oneofthe", Options(), lexicon())[0].text
    'one of the'
    """
    found = multi_splits(token, lex)
    if not found:
        return None, "no split into two dictionary words"
    best = found[0]
    parts = best.parts
    last = len(parts) - 1
    inner = lex.function_first | lex.function_second
    function: list[bool] = []
    for i, part in enumerate(parts):
        allowed = lex.function_first if i == 0 else lex.function_second if i == last else inner
        if part in inner and part not in allowed:
            return None, f"'{part}' does not end or start a glued phrase ('{best.text}')"
        if len(part) < 2 or part in lex.suffixes or (i == 0 and part in lex.prefixes):
            return None, f"'{part}' is a letter, a suffix or a prefix ('{best.text}')"
        if part not in allowed and (len(part) < 3 or lex.unigrams[part] < options.min_part_frequency):
            return None, f"'{part}' is not a frequent word"
        function.append(part in allowed)
    for i, (a, b) in enumerate(itertools.pairwise(parts)):
        if len(a) < 3 and len(b) < 3:
            return None, f"'{a} {b}' in '{best.text}': two short parts side by side ('to no me try')"
        if not (function[i] or function[i + 1]):
            if not (options.after_inflected and _glued_after(a, b, lex, options.min_part_frequency)):
                return None, f"'{a} {b}' in '{best.text}' would be two content words: more likely a compound"
        if b == "to" and (a.endswith("t") or len(a) < 4):
            return None, f"'{a}to' ends in '-to' as borrowed words do ('quartetto', 'bento')"
    if len(found) > 1 and best.score - found[1].score < options.min_margin:
        return None, f"ambiguous: '{best.text}' or '{found[1].text}'"
    return best, "split"


def _token_bounds(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is a whole token, give or take punctuation and a possessive."""
    left = start
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace():
        right += 1
    before = text[left:start]
    after = text[end:right]
    if any(c not in _OPENERS for c in before):
        return False
    for p in _POSSESSIVES:
        if after.startswith(p):
            after = after[len(p) :]
            break
    return all(c in _CLOSERS for c in after)


_WORD = re.compile(r"(?<!\w)[a-z]{4,}(?!\w)")


def english_share(text: str, lex: Lexicon) -> tuple[float, int]:
    """Share of the lower-case words (four letters or more) of ``text`` that are English dictionary
    words, and how many there are.  Measured on the AEB pages: 0.96 to 1.0 for English articles, below
    0.25 for German, Portuguese, Italian, Indonesian and Russian ones."""
    words = _WORD.findall(text)
    if not words:
        return 1.0, 0
    # map in C, not a generator in Python: the same count, a fifth of this function's time
    return sum(map(lex.unigrams.__contains__, words)) / len(words), len(words)


def _share_without(token: str, share: float, count: int) -> float:
    """The English share without the (unknown) token itself; 1.0 when fewer than eight words remain."""
    if count - 1 < 8:
        return 1.0
    return share * count / (count - 1)


class _Document:
    """Facts about the whole document for the document guard, computed only when a split is proposed."""

    def __init__(self, text: str, lex: Lexicon, min_english_share: float) -> None:
        self.text = text
        self.lex = lex
        self.min_english_share = min_english_share
        self._lower: str | None = None
        self._share: float | None = None

    @property
    def lower(self) -> str:
        if self._lower is None:
            self._lower = self.text.lower()
        return self._lower

    def reason_to_keep(self, token: str, split: Split, start: int, end: int) -> str | None:
        if self._share is None:
            self._share = _share_without(token, *english_share(self.text, self.lex))
        if self._share < self.min_english_share:
            return f"document is not English (only {self._share:.0%} of its words are English words)"
        line_start = self.text.rfind("\n", 0, start) + 1
        line_end = self.text.find("\n", end)
        line = self.text[line_start : line_end if line_end >= 0 else len(self.text)]
        share = _share_without(token, *english_share(line, self.lex))
        if share < self.min_english_share:
            return f"line is not English (only {share:.0%} of its words are English words)"
        occurrences = len(re.findall(rf"(?<![^\W\d_]){token}(?![^\W\d_])", self.lower))
        if occurrences > 1:
            cased = len(re.findall(rf"(?<![^\W\d_]){token}(?![^\W\d_])", self.text))
            if cased < occurrences:
                return "written with capitals elsewhere in the document"
            return f"appears {occurrences} times in the document"
        if re.search(rf"(?<![^\W\d_]){split.first}[-\u2010\u2011\u2013]{split.second}(?![^\W\d_])", self.lower):
            return f"written '{split.first}-{split.second}' elsewhere in the document"
        return None


def _occurrences(text: str, tokens: Iterable[str], pattern: re.Pattern[str]) -> list[re.Match[str]]:
    """The matches of ``pattern`` (a :data:`_CANDIDATE` regex) whose text is one of ``tokens``, in text order.

    Exactly those of ``pattern.finditer(text)`` with a token in ``tokens``, found with ``str.find`` instead
    of going through every candidate of the document in Python (an unknown token is one in about 20).  A
    match cannot start inside another (it starts after a character that is not ``\\w``, and a match is
    letters only), so finditer's matches are the positions where ``pattern.match`` succeeds, and the
    lookbehind of ``pattern.match(text, i)`` sees the text before ``i``.  An occurrence of the token where
    the match is longer (the token is the head of a longer run) or fails is not a match of that token.
    """
    found: list[re.Match[str]] = []
    find = text.find
    match = pattern.match
    for token in tokens:
        n = len(token)
        i = find(token)
        while i >= 0:
            m = match(text, i)
            if m is not None and m.end() - i == n:
                found.append(m)
                i = find(token, i + n)  # no match of the token starts inside this one
            else:
                i = find(token, i + 1)
    found.sort(key=_start)
    return found


def _start(m: re.Match[str]) -> int:
    return m.start()


#: At most this many unsplit candidates are listed in ``meta["words_unsplit"]`` per document.
MAX_REPORTED = 50
#: The reasons of :func:`choose_split` for a token not worth listing (it does not look glued).
_SILENT = frozenset({"known word", "no split into two dictionary words"})
#: At most this many answers of :func:`choose_split` are remembered (then they are forgotten at once).
MAX_DECISIONS = 100_000
_DECIDED: dict[tuple[int, Options], tuple[Lexicon, dict[str, tuple[Split | None, str]]]] = {}


def _decisions(options: Options, lex: Lexicon) -> dict[str, tuple[Split | None, str]]:
    """The answers of ``choose_split(token, options, lex)`` remembered so far, by token.

    The answer depends on the token, the options and the lexicon alone, and the unknown tokens of a
    corpus recur from document to document (on the 8 MB benchmark sample, 913 distinct tokens make
    5,836 per-document ones): each is decided once per process.  Kept per lexicon object, so a
    lexicon loaded again (other rule files) starts afresh.
    """
    key = (id(lex), options)
    found = _DECIDED.get(key)
    if found is None or found[0] is not lex:
        if len(_DECIDED) >= 8:  # options or lexicons made by tests: forget them
            _DECIDED.clear()
        found = _DECIDED[key] = (lex, {})
    return found[1]


def apply(text: str, options: Options) -> StageOutput:
    """Split the glued words of ``text``, again on the result while a pass splits something (each pass's
    edits numbered by ``step``): a split can leave a token another rule splits ("saidTuesdaythe" ->
    "said Tuesdaythe" by glued_capital, then "Tuesday the" by glued_name), which the next run of the
    pipeline did, so the stage was not idempotent (a property test found it, session 13).  Few documents
    have a split at all (7 of 695 AEB pages and RealNews articles), so the second pass costs about 1 %.
    """
    return to_fixpoint(lambda t: _once(t, options), text)


def _once(text: str, options: Options) -> StageOutput:
    """Split the glued words of ``text``: one edit per split, spans into ``text``.

    Lower-case tokens (rule ``glued_word``, :func:`_split_lower`) and a function word glued to a
    capitalised word (rule ``glued_capital``, :func:`capital_glue_edits`).

    >>> _once("the corrupt dictatormost on earth", Options()).text
    'the corrupt dictator most on earth'
    >>> _once("a rally inNovember at the White House", Options()).text
    'a rally in November at the White House'
    """
    out = _split_lower(text, options)
    start = [*start_glue_edits(text, options), *hyphen_glue_edits(text, options), *short_pair_edits(text, options)]
    start += quote_glue_edits(text, options)
    if start:  # capitalised, hyphenated, 3-4 letter, quoted tokens: never one of glued_word's runs of 5+ letters
        both = sorted([*out.edits, *start], key=lambda e: e.start)
        out = StageOutput(apply_edits(text, both), both, out.meta)
    gate = _glue_gate()
    if gate is not None and not _gate_may_match(gate, text):
        return out  # none of glued_capital, glued_number, glued_possessive can match: one RE2 scan for all
    capital = [] if not options.capitals else capital_glue_edits(text, options)
    number = number_glue_edits(text, options) + number_word_glue_edits(text, options)
    possessive = possessive_glue_edits(text, options)
    name = name_glue_edits(text, options)
    if not capital and not number and not possessive and not name:
        return out
    if start:  # "Shewas" is glued_start's, never a name glued to "was"
        name = [n for n in name if not any(n.start < e.end and e.start < n.end for e in start)]
    edits = sorted([*out.edits, *capital, *number, *name], key=lambda e: e.start)
    if possessive:  # a possessive's token holds no other rule's ("Britain'snew"), but make sure
        taken = [(e.start, e.end) for e in edits]
        edits += [p for p in possessive if not any(p.start < end and start < p.end for start, end in taken)]
        edits.sort(key=lambda e: e.start)
    return StageOutput(apply_edits(text, edits), edits, out.meta)


def _split_lower(text: str, options: Options) -> StageOutput:
    """Split the glued lower-case words of ``text``: one edit per split, spans into ``text``.

    Tokens that looked glued (a split into two dictionary words exists) but were left alone are listed,
    with the reason, in ``meta["words_unsplit"]`` for a human to review.

    >>> _split_lower("the corrupt dictatormost on earth", Options()).text
    'the corrupt dictator most on earth'
    >>> _split_lower("on Kraschatyk Boulevard", Options()).edits
    []
    """
    if RULE in options.disabled:
        return StageOutput(text, [], {})
    # Nearly every candidate is a known word: find the unknown ones with one scan and a set difference
    # (both in C) and look at positions only when there are any.  The scan finds only the tokens that
    # can pass _token_bounds somewhere (_BOUNDED); the others are left without a word in the original
    # loop too (no edit, not listed in the metadata).
    scan = min(options.min_length, SHORT_MIN_LENGTH)
    found = _BOUNDED[scan].findall(text)
    head = _CANDIDATE[scan].match(text)
    if head is not None:
        found.append(head.group(0))
    short = _five_letter_tokens(text) if scan > MIN_LENGTH_FLOOR else []
    found += short
    if not found:
        return StageOutput(text, [], {})
    lex = lexicon()  # loaded on the first document with a candidate, not at import
    unknown = set(found).difference(lex.unigrams)
    if not unknown:
        return StageOutput(text, [], {})
    # choose_split depends on the token alone: decide each distinct token once, and look for the
    # occurrences only of those that can give an edit or a line in the metadata (most unknown tokens
    # are inflections or junk that splits no way, whose occurrences the loop below would all skip).
    chosen: dict[str, tuple[Split | None, str]] = {}
    decided = _decisions(options, lex)
    for token in unknown:
        answer = decided.get(token)
        if answer is None:
            if len(decided) >= MAX_DECISIONS:
                decided.clear()
            answer = decided[token] = choose_split(token, options, lex)
        split, why = answer
        if len(token) < options.min_length and (split is None or not _short_split(token, split, lex)):
            continue  # a short token is only two very common words glued ("ofthe", "saidit"), and said only then
        if split is not None or why not in _SILENT:
            chosen[token] = (split, why)
    if not chosen:
        return StageOutput(text, [], {})
    doc: _Document | None = None
    edits: list[Edit] = []
    unsplit: dict[str, str] = {}
    # A match of the shortest candidate pattern is, like one of any other, a whole run of letters.
    pattern = _CANDIDATE[MIN_LENGTH_FLOOR if short else scan]
    for m in _occurrences(text, chosen, pattern):
        token = m.group(0)
        if not _token_bounds(text, m.start(), m.end()):
            continue
        split, why = chosen[token]
        if split is not None and options.document_guard:
            doc = doc or _Document(text, lex, options.min_english_share)
            guard = doc.reason_to_keep(token, split, m.start(), m.end())
            if guard:
                split, why = None, guard
        if split is None:
            if len(unsplit) < MAX_REPORTED:
                unsplit[token] = why
            continue
        counts = [f"'{part}' ({lex.unigrams[part]:,})" for part in split.parts]
        reason = f"'{token}' is not a word; {', '.join(counts[:-1])} and {counts[-1]} are frequent words"
        edits.append(Edit(NAME, RULE, m.start(), m.end(), token, split.text, reason))
    meta = {"words_unsplit": unsplit} if unsplit else {}
    if not edits:
        return StageOutput(text, [], meta)
    return StageOutput(apply_edits(text, edits), edits, meta)


@functools.cache
def short_glue_tokens() -> frozenset[str]:
    """The five-letter tokens the stage can split under a ``min_length`` of six (:func:`_short_split`): a
    two-letter function word glued to "the" ("ofthe", "inthe": the commonest glue of joined lines), and two
    function words glued ("canbe", "hadno", "ofits"; session 12).  Read from ``function_words.tsv`` alone
    (a wider net than the splits: the lexicon decides), so that no text loads the lexicon to be scanned."""
    first, second = read_function_words("words", "function_words.tsv")
    out = {f"{word}the" for word in first if len(word) == 2}
    either = first | second
    out.update(a + b for a in either for b in either if len(a) + len(b) == 5 and a != "the" and 2 <= len(a) <= 3)
    return frozenset(out)


def _trie(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` with their common prefixes factored out ("o(?:fits|fthe)")."""
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for letter in word:
            node = node.setdefault(letter, {})
        node[""] = {}
    return _trie_branch(tree) if tree else "(?!)"


def _trie_branch(node: dict[str, Any]) -> str:
    branches = [re.escape(k) + _trie_branch(v) for k, v in sorted(node.items()) if k]
    if not branches:
        return ""
    alternation = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{alternation})?" if "" in node else alternation


@functools.cache
def _five_letter_scans() -> tuple[Any, re.Pattern[str]]:
    """The tokens of :func:`short_glue_tokens` as whole words: with google-re2 a pattern RE2 runs over the
    text's UTF-8 (a few ms a MB), and Python's pattern (after a space or an opener, before a space, a closer
    or the end, as :data:`_BOUNDED`; or at the very start), which reads them where RE2 cannot."""
    words = _trie(short_glue_tokens())
    before, after = re.escape(_WHITESPACE + _OPENERS), re.escape(_WHITESPACE + _CLOSERS)
    python = re.compile(rf"(?:(?<=[{before}])|(?<![\s\S])){words}(?=[{after}]|\Z)")
    try:
        import re2  # google-re2
    except ImportError:
        return None, python
    return re2.compile(rf"\b{words}\b"), python


def _five_letter_tokens(text: str) -> list[str]:
    """The five-letter tokens of :func:`short_glue_tokens` in ``text``: every one with an occurrence that
    passes :func:`_token_bounds` (and with RE2, also some that do not: the stage checks each occurrence).
    Session 12: where a scan of every "the" that ends a run of letters, with a loop in Python, found
    "ofthe"; starting the main scan at five letters instead cost a fifth of the stage."""
    fast, python = _five_letter_scans()
    if fast is not None:
        utf8 = _utf8(text)
        if utf8 is not None:
            return [t.decode("ascii") for t in fast.findall(utf8)]
    return python.findall(text)


#: The shortest token read as two very common words glued ("saidit", "hasbeen"; session 10), and what its
#: parts and their pair must reach in symspellpy's counts: a content part about the 1,000 commonest words
#: ("said", "week", "help"), the pair a listed bigram this frequent ("said it": 479 M, "all week": 31 M,
#: "has been": 12.6 G; not "has well": 7.7 M).  Below 8 letters real words, names and foreign words that
#: split into two words are many ("andover", "haswell", "herold", "fromage"): only the commonest pairs of
#: the commonest words are split (measured in docs/words.md, "Short tokens").
SHORT_MIN_LENGTH = 6
SHORT_PART_FREQUENCY = 75_000_000
SHORT_MIN_BIGRAM = 30_000_000


def _short_split(token: str, split: Split, lex: Lexicon) -> bool:
    """A split a token shorter than ``min_length`` may get: a function word, then "the" ("of the"); or, from
    :data:`SHORT_MIN_LENGTH` letters, two parts that are function words or among the commonest words
    (:data:`SHORT_PART_FREQUENCY`), whose pair is a frequent bigram (:data:`SHORT_MIN_BIGRAM`)."""
    if split.second == "the" and split.first in lex.function_first:
        return True
    if split.more:
        return False
    if len(token) < SHORT_MIN_LENGTH:
        return len(token) == 5 and _five_split(token, split, lex)
    for part in (split.first, split.second):
        function = part in lex.function_first or part in lex.function_second
        if not function and lex.unigrams[part] < SHORT_PART_FREQUENCY:
            return _short_phrase(split, lex)
    return lex.bigrams.get(frequency.pair(split.first, split.second), 0) >= SHORT_MIN_BIGRAM


#: How often two function words glued into five letters must stand together in symspellpy's bigram counts
#: ("can be" 14.7 G, "had no" 741 M, "of its" 3.5 G, "but it" 3.3 G; session 12).
FIVE_MIN_BIGRAM = 300_000_000


def _five_split(token: str, split: Split, lex: Lexicon) -> bool:
    """A five-letter token is split when both parts are function words of two letters or more, standing
    first or second in ``function_words.tsv`` (inside a phrase "be", "no", "it" follow a word as often as
    they lead one), the first not "the": "can|be", "had|no", "of|its", "but|it"; their pair is a frequent
    bigram (:data:`FIVE_MIN_BIGRAM`); and it is the token's only cut into two words ("atall" is "at all"
    or "a tall")."""
    if split.first == "the" or len(split.first) < 2 or len(split.second) < 2:
        return False
    if len(splits(token, lex)) > 1:
        return False
    either = lex.function_first | lex.function_second
    if split.first not in either or split.second not in either:
        return False
    return lex.bigrams.get(frequency.pair(split.first, split.second), 0) >= FIVE_MIN_BIGRAM


#: A pair this frequent in symspellpy's bigram counts is a set phrase ("moved to" 596 M, "began to" 730 M,
#: "tried to" 1.0 G; session 11): its content part need not be among the commonest words.
SHORT_PHRASE_BIGRAM = 300_000_000


def _short_phrase(split: Split, lex: Lexicon) -> bool:
    """A 6-7 letter token whose content part is under :data:`SHORT_PART_FREQUENCY` ("moved": 36 M) is still
    split when the other part is a function word and the pair one of the commonest phrases
    (:data:`SHORT_PHRASE_BIGRAM`: "moved to", "began to"), or when a past-tense verb (regular "-ed" of a
    frequent word, or ``past_forms.txt``) comes before a particle of :data:`PAST_PARTICLES` and the pair is
    frequent (:data:`SHORT_MIN_BIGRAM`: "hoped to" 65 M, "grew up"; session 12)."""
    if split.second in PAST_PARTICLES and inflected(split.first, lex, Options.min_part_frequency) in _PAST_ENDINGS:
        return lex.bigrams.get(frequency.pair(split.first, split.second), 0) >= SHORT_MIN_BIGRAM
    if not (split.first in lex.function_first or split.second in lex.function_second):
        return False
    return lex.bigrams.get(frequency.pair(split.first, split.second), 0) >= SHORT_PHRASE_BIGRAM


# A function word glued to a capitalised word, as where two HTML elements met without a space: "inNovember",
# "theWhite House", "reported byReuters", "Share onFacebook".  A whole token (after a space or an opening
# mark, before a space, a closing mark or the end): not "iPhone" (one letter), "McDonald", "DeSantis",
# "LeBron" (capital first), "macOS", "leanFIRE" (capitals after), "onClick()" or "this.onLoad" (code),
# "@theScore", "#inNovember".  The pattern starts with the class of the characters before a token, so
# the engine tries only after those.
_CAPITAL_TOKEN = (
    rf"(?P<left>[a-z]{{2,7}})(?P<right>[A-Z][a-z]{{2,}})(?=[{re.escape(_WHITESPACE + _CLOSERS)}]|\Z)(?![.:][^\W_]|[(])"
)
_CAPITAL_GLUE = re.compile(rf"[{re.escape(_WHITESPACE + _OPENERS)}]{_CAPITAL_TOKEN}")
_CAPITAL_GLUE_HEAD = re.compile(_CAPITAL_TOKEN)  # the same at the very start of the text
#: The words that may stand first in a glued capitalised token: prepositions (with "until" and "since" before
#: a linked day or month: "untilWednesday"), the article, "and".  Not "my", "we", "you", "go", "is", "as",
#: "or" (brands and code: "mySpace", "weChat", "goPro", "isValid", "asList", "orElse"), not "i", "e", "a"
#: (iPhone, eBay).  Session 10 added the prepositions of place and relation news links follow ("fighting
#: nearKharkiv", "runs throughSeptember", "sanctions againstRussia", "talks betweenIsrael and Hamas"); not
#: "over", "under", "inside", "outside", "within", "without", "around", "behind" (brands and code:
#: "UnderArmour", "overDrive", "insideEVs", "withinBounds").
CAPITAL_LEFT = frozenset(
    "the in on at by of to from with for and into onto about after before during via until since".split()
    + "near through across against between among amid toward towards despite".split()
)
#: A determiner just before the token ("The inReach device", "its atEase spa", "an onRamp service"): a
#: preposition, "the" or "and" never follows one in English, so the token is a name (session 9's fresh
#: cases).  Not "this", "that", "these", "those", "her", "each", "no", which also stand alone as pronouns
#: ("said that inNovember", "told her onMonday").
_DETERMINER_BEFORE = re.compile(r"(?<![^\W\d_])(?:a|an|the|its|their|our|my|your|his)[ \t\u00a0]+\Z", re.IGNORECASE)
#: A preposition just before a token whose first part is a preposition too ("Drivers for inDrive", "ordered
#: from byChloe"): English puts no "in", "on", "by" ... after these (session 10's fresh cases), so the token
#: is a name.  Not "in", "on", "at", "up", "off", "out", "over", which end phrasal verbs before a glued
#: preposition ("closing in onKyiv", "checked in atHeathrow"); "the" and "and" after a preposition are
#: glue as usual ("for theWhite House").
_PREPOSITION_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:for|from|of|to|with|by|via|into|onto|during|since|until|than)[ \t\u00a0]+\Z", re.IGNORECASE
)
# Signs of a line of code (its tokens are left alone): braces, assignments, calls, arrows, scopes.
_CODE_LINE = re.compile(r"[{}=;]|\(\)|::|//")


def capital_glue_edits(text: str, options: Options) -> list[Edit]:
    """The edits of rule ``glued_capital``: "inNovember" -> "in November", "theWhite" -> "the White".

    A token is split when its first part is a word of :data:`CAPITAL_LEFT` and its second a capitalised
    word (a capital, then two or more lower-case letters, nothing after), and

    * the second part is an English word ("november", "white", "facebook" in symspellpy's list) or
      written on its own, capitalised, elsewhere in the document (a name: "Instagram");
    * the token is not listed in ``rules/words/glued_capital_keep.txt`` (brands: "theScore", "inDesign";
      code: "onClick", "toString") or the ``keep`` option;
    * no determiner stands just before it ("the inReach device", "an atEase spa": English puts no "in",
      "at", "the" after "the", "an", "its" ..., so the token is a name);
    * it occurs once in the document (a name or identifier recurs), not on a line of code (braces, ``=``,
      ``;``, ``()``), and the document reads as English (``min_english_share``, when ``document_guard``).
    """
    if CAPITAL_RULE in options.disabled:
        return []
    gate = _capital_gate()
    if gate is not None and not _gate_may_match(gate, text):
        return []  # the common case, found at RE2's speed (Python's scan costs as much as the rest)
    found = list(_CAPITAL_GLUE.finditer(text))
    head = _CAPITAL_GLUE_HEAD.match(text)
    if head is not None:
        found.insert(0, head)
    if not found:
        return []
    lex = lexicon()
    keep = capital_keep()
    edits: list[Edit] = []
    # What each match asks of the whole document is found once for all of them (asked once a match, a
    # line of thousands of glued tokens was quadratic): whether its line is code (once a line), and
    # how often a word stands alone -- the token, and its second part -- as a run of letters.
    is_code = LineTest(text, _CODE_LINE)
    runs: Counter[str] | None = None
    for m in found:
        left, right = m.group("left"), m.group("right")
        start, end = m.start("left"), m.end("right")
        token = text[start:end]
        lowered = token.lower()
        verb = left in name_tails()["verb-before"]  # "saidNguyen": a reporting verb, then a name (session 11)
        if (left not in CAPITAL_LEFT and not verb) or lowered in keep or lowered in options.keep:
            continue
        if lowered in lex.unigrams or lowered in lex.known:
            continue  # a word written with a capital inside ("inHouse"?): not two words
        if is_code(start):
            continue
        if _DETERMINER_BEFORE.search(text, max(0, start - 8), start):
            continue  # "The inTouch app": a determiner before a preposition or article is a name's
        if left not in ("the", "and") and _PREPOSITION_BEFORE.search(text, max(0, start - 8), start):
            continue  # "for inDrive": a preposition does not follow a preposition
        # A word (letters only) not touching another letter is a whole run of letters: counted in one scan.
        if runs is None and (options.document_guard or right.lower() not in lex.unigrams):
            runs = Counter(_LETTER_RUN.findall(text))
        if right.lower() not in lex.unigrams and not (runs and runs[right]) and not verb:
            continue
        if options.document_guard:
            if runs is not None and runs[token] > 1:
                continue
            if _not_english(text, options):
                return []
        reason = f"'{left}' glued to the capitalised word '{right}'"
        edits.append(Edit(NAME, CAPITAL_RULE, start, end, token, f"{left} {right}", reason))
    return edits


def _guard_share(text: str, lex: Lexicon) -> float:
    """The document guard's share of English words in ``text`` (1.0 with too few words to tell), which
    ``glued_capital``, ``glued_number`` and ``glued_name`` hold against ``Options.min_english_share``."""
    share, count = english_share(text, lex)
    return share if count >= 8 else 1.0


# The last text the guard read and its share of English words (:func:`_not_english`), as (text, share).
_LAST_SHARE: tuple[str, float] = ("", 1.0)


def _not_english(text: str, options: Options) -> bool:
    """Whether the document guard holds ``text`` not English enough for a split (:func:`_guard_share`
    under ``options.min_english_share``): reckoned once a text, by whichever rule asks first, where each
    rule kept its own (session 11)."""
    global _LAST_SHARE
    last = _LAST_SHARE
    if last[0] is not text:
        last = _LAST_SHARE = (text, _guard_share(text, lexicon()))
    return last[1] < options.min_english_share


def _left_alone(text: str, token: str, start: int, options: Options, is_code: LineTest) -> bool:
    """Whether a glued token a rule found at ``start`` is left as it is: listed in ``keep``, on a line of code,
    or (``document_guard``) in a document that is not English (:func:`_not_english`) or recurring in it
    (also inside a longer token: the safe side).  For the rules that count a token with ``str.count``
    (``glued_number`` after a number, ``glued_possessive``)."""
    if token.lower() in options.keep or is_code(start):
        return True
    return options.document_guard and (_not_english(text, options) or text.count(token) > 1)


#: A run of letters (any script), as the lookarounds ``(?<![^\W\d_])`` and ``(?![^\W\d_])`` bound a word.
_LETTER_RUN = re.compile(r"[^\W\d_]+")


# The last text the gates read and its UTF-8 (None where it has none), as (text, bytes): google-re2
# encodes a str on each search, and a document that passes the glue gate is read by the capital gate too.
_LAST_UTF8: tuple[str, bytes | None] = ("", b"")


def _utf8(text: str) -> bytes | None:
    """``text`` in UTF-8, encoded once a text for the RE2 scans (None where it has none: a lone surrogate)."""
    global _LAST_UTF8
    last = _LAST_UTF8
    if last[0] is not text:
        try:
            last = _LAST_UTF8 = (text, text.encode("utf-8"))
        except UnicodeEncodeError:
            last = _LAST_UTF8 = (text, None)
    return last[1]


def _gate_may_match(gate: Any, text: str) -> bool:
    """Whether RE2 finds the gate's pattern in ``text``; True when RE2 cannot read it (a lone surrogate,
    as a JSON string "\\ud800" gives, has no UTF-8: google-re2 raised UnicodeEncodeError and the stage
    failed on the document), so Python's scan decides.  RE2 reads the text's UTF-8, encoded once a text
    (session 11), where it encoded the str again for each gate."""
    utf8 = _utf8(text)
    return utf8 is None or gate.search(utf8) is not None


@functools.cache
def _capital_gate() -> Any:
    """With google-re2 (``textmend[fast]``): a pattern that matches wherever :data:`_CAPITAL_GLUE` can
    ("inNovember" holds "inNov"), run by RE2 at a few hundred MB/s, so that most documents skip Python's
    scan (a fifth of this stage's time); None without google-re2."""
    try:
        import re2  # google-re2
    except ImportError:
        return None
    words = "|".join(sorted(CAPITAL_LEFT | name_tails()["verb-before"], key=len, reverse=True))
    return re2.compile(f"(?:{words})[A-Z][a-z][a-z]")


@functools.cache
def _glue_gate() -> Any:
    """With google-re2: :func:`_capital_gate`'s pattern or a letter-digit join where a token of
    ``glued_number`` can be, so that one RE2 scan skips both rules in most documents (the number rule's
    own scan from the digits, in Python, cost a quarter of the stage); None without google-re2.

    A word glued before a number is one of ``number_before.txt`` or a month (:func:`_number_split_fits`,
    lower-case or capitalised: the gate ignores case, a wider net): "since2019", "June3".  Session 12: the
    gate read any letter before a digit, and "F1", "RAV4", "G20", "Q2", time stamps and URLs let 54 of the
    241 documents of ``benchmarks/instructions.py``'s sample through to the five rules' Python scans."""
    capital = _capital_gate()
    if capital is None:
        return None
    import re2  # google-re2

    before, _ = number_words()
    left = _alternation(before | {month.lower() for month in MONTHS})
    return re2.compile(
        f"{capital.pattern}|(?i:{left})[0-9]|[0-9][a-z]{{3}}|{_POSSESSIVE_MARK.pattern}|{_name_gate_pattern()}"
        "|[0-9](?:%|bn|tn|pm|am|m|k|s)[a-z]{2}"
    )


@functools.cache
def capital_keep() -> frozenset[str]:
    """``rules/words/glued_capital_keep.txt``: lower-cased tokens never split by ``glued_capital``."""
    return read_token_set("words", "glued_capital_keep.txt", pattern=r"[a-z]+", what="a lower-case token", noun="token")


# ------------------------------------------------------------------------------------ glued_number
# A word glued to a number, or a number to a word, where lines or HTML elements were joined: "since2019",
# "about500 people", "the2020 election", "June3", "12years", "3,000people".  A whole token
# (after a space, an opener or the start; before a space, a closer, "%" or the end, and not before a dot,
# comma or colon that goes on: "in2024.x"), of letters then a number (``left``, ``num``) or of a number
# then letters (``lnum``, ``right``; after a currency sign, "$5million", it is not a token: "£38million" is
# a house style).  Found from the digits (:func:`_number_tokens`): most text has few, and a scan after
# every space, as _BOUNDED's, ran at a third of glued_capital's speed.
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMBER_END = rf"(?=[{re.escape(_WHITESPACE + _CLOSERS)}%]|\Z)(?![.,:][^\W_])"
_NUMBER_TOKEN = re.compile(
    rf"(?:(?P<left>[A-Za-z][a-z]{{1,12}})(?P<num>{_NUMBER})"
    rf"|(?P<lnum>{_NUMBER})(?P<right>[a-z]{{3,}})){_NUMBER_END}"
)
#: Where a token of :data:`_NUMBER_TOKEN` may be: a digit after a letter, or before three lower-case letters.
#: Both branches start with a digit, so the engine tries only at digits.
_NUMBER_GATE = re.compile(r"[0-9](?<=[A-Za-z][0-9])|[0-9][a-z]{3}")
_LETTERS_BEFORE = re.compile(r"[A-Za-z]{1,14}\Z")  # searched up to a digit: the word glued before it
_DIGITS_BEFORE = re.compile(r"[0-9.,]{0,40}\Z")  # the number a noun is glued after
_TOKEN_BEFORE = frozenset(_WHITESPACE + _OPENERS)


def _number_tokens(text: str) -> list[re.Match[str]]:
    """The matches of :data:`_NUMBER_TOKEN` that are whole tokens (after a space, an opener or the start),
    in order, found from the letter-digit joins of :data:`_NUMBER_GATE` (constant work at each)."""
    found: list[re.Match[str]] = []
    done = 0
    for gate in _NUMBER_GATE.finditer(text):
        at = gate.start()
        if at < done:
            continue
        before = _LETTERS_BEFORE if at and text[at - 1].isascii() and text[at - 1].isalpha() else _DIGITS_BEFORE
        run = before.search(text, max(0, at - 40), at)
        start = run.start() if run is not None else at
        if start and text[start - 1] not in _TOKEN_BEFORE:
            continue
        m = _NUMBER_TOKEN.match(text, start)
        if m is not None:
            found.append(m)
            done = m.end()
    return found


#: The month names, capitalised, glued to a day or a year ("June3", "January2024").
MONTHS = frozenset("January February March April May June July August September October November December".split())
_YEAR = re.compile(r"1[0-9]{3}|20[0-9]{2}")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")


def _number_split_fits(left: str, num: str, number_before: frozenset[str]) -> bool:
    """Whether ``left`` glued to the number ``num`` is a word and a number that lost their space (see
    ``rules/words/number_before.txt``)."""
    if left in MONTHS:
        return _YEAR.fullmatch(num) is not None or (len(num) <= 2 and 1 <= int(num) <= 31)
    lowered = left.lower()
    if lowered not in number_before or not (left.islower() or left == lowered.capitalize()):
        return False
    digits = num.replace(",", "")
    if lowered == "the":
        return _YEAR.fullmatch(num) is not None or _THOUSANDS.fullmatch(num) is not None
    return len(lowered) > 3 or len(digits.split(".")[0]) >= 2


def number_glue_edits(text: str, options: Options) -> list[Edit]:
    """The edits of rule ``glued_number``: a word glued to a number ("since2019" -> "since 2019", "June3"
    -> "June 3") or a number to a noun ("12years" -> "12 years", "3,000people" -> "3,000 people").

    The word before a number is one of ``rules/words/number_before.txt`` (prepositions and quantifiers:
    "in", "since", "about", "than"; a word of three letters or fewer only before two digits or more, "the"
    only before a year or "3,000"), or a capitalised month name before a day or a year; the word after a
    number is one of ``rules/words/number_nouns.txt`` (plural nouns: "years", "people"; never a unit, an
    abbreviation, a suffix or a number word: "5km", "10am", "21st", "$5m", "£38million" stay).  As for
    ``glued_capital``, a token is left when it is listed in ``keep``, stands on a line of code, or (with
    ``document_guard``) occurs more than once in the document or the document is not English.
    """
    if NUMBER_RULE in options.disabled:
        return []
    found = _number_tokens(text)
    if not found:
        return []
    before, nouns = number_words()
    is_code = LineTest(text, _CODE_LINE)
    edits: list[Edit] = []
    runs: Counter[str] | None = None
    for m in found:
        if m.group("left") is not None:
            first, second = m.group("left"), m.group("num")
            if not _number_split_fits(first, second, before):
                continue
            start, cut, end = m.start("left"), m.end("left"), m.end("num")
        else:
            first, second = m.group("lnum"), m.group("right")
            if second not in nouns:
                continue
            start, cut, end = m.start("lnum"), m.end("lnum"), m.end("right")
        token = text[start:end]
        if token.lower() in options.keep or is_code(start):
            continue
        if options.document_guard:
            if runs is None:
                runs = Counter(_GLUED_RUN.findall(text))
            if runs[token] > 1:
                continue  # a recurring token is a name or an identifier
            if _not_english(text, options):
                return []
        reason = f"'{first}' glued to '{second}'"
        edits.append(Edit(NAME, NUMBER_RULE, start, end, token, f"{text[start:cut]} {text[cut:end]}", reason))
    return edits


# A number glued to the function word after it (session 11): "passed in 2024and came", "40%of voters",
# "worth $3bnand", "the 1990sand", "paid £5mfor", "at 3pmon Saturday".  Found from the digits (the pattern
# starts with one), the number read back to the token's start.
#: Units of measure a number may carry before a function word glued to it ("2kgof", "25mmof", "90mphon";
#: session 12), besides a percentage, a sum's unit, a clock time's am/pm and a decade's "s"; longest first, so
#: that "km" is read before "k".
_MEASURES = ("mph", "km", "kg", "mg", "mm", "cm", "ml")
_NUMBER_UNITS = "|".join((*_MEASURES, "%", "bn", "tn", "pm", "am", "m", "k", "s"))
_NUMBER_AFTER = re.compile(rf"[0-9](?=[%a-z])(?P<unit>{_NUMBER_UNITS})?(?P<word>[a-z]{{2,6}}){_NUMBER_END}")
_NUMBER_BACK = re.compile(r"(?P<sign>[$£€])?[0-9][0-9.,:]*\Z")
_DECADE = re.compile(r"1[0-9]{2}0|20[0-9]0")
_CLOCK = re.compile(r"(?:[1-9]|1[0-2])(?:[:.][0-5][0-9])?")


def _number_word_fits(number: str, sign: str | None, unit: str, word: str) -> bool:
    """Whether ``number`` (with its currency ``sign`` and ``unit``) glued to the function word ``word`` is a
    number and a word that lost their space (see ``rules/words/number_after.txt``)."""
    if len(word) < 3 and unit not in ("%", "am", "pm", *_MEASURES):
        return False
    if unit in _MEASURES or (unit == "m" and sign is None):  # "2kgof", "300mfrom" (metres; "5min" is read above)
        return sign is None and re.fullmatch(_NUMBER, number) is not None
    if unit == "":
        return sign is None and (_YEAR.fullmatch(number) is not None or _THOUSANDS.fullmatch(number) is not None)
    if unit == "%":
        return sign is None and re.fullmatch(_NUMBER, number) is not None
    if unit == "s":
        return sign is None and _DECADE.fullmatch(number) is not None
    if unit in ("am", "pm"):
        return sign is None and _CLOCK.fullmatch(number) is not None
    return sign is not None and re.fullmatch(_NUMBER, number) is not None  # "£5m", "$3bn"


def number_word_glue_edits(text: str, options: Options) -> list[Edit]:
    """The edits of rule ``glued_number`` for a number glued to the function word after it: "2024and" ->
    "2024 and", "40%of" -> "40% of", "$3bnand" -> "$3bn and", "1990sand" -> "1990s and", "3pmon" -> "3pm on"
    (:func:`_number_word_fits`); left, as for the other shapes, in ``keep``, on a line of code, recurring
    or in a document that is not English (``document_guard``)."""
    if NUMBER_RULE in options.disabled:
        return []
    gate = _number_after_gate()
    if gate is not None and not _gate_may_match(gate, text):
        return []  # no digit glued to a listed word: RE2's scan, not Python's at every digit
    after = number_after()
    is_code = LineTest(text, _CODE_LINE)
    edits: list[Edit] = []
    for m in _NUMBER_AFTER.finditer(text):
        word = m.group("word")
        if word not in after:
            continue
        back = _NUMBER_BACK.search(text, max(0, m.start() - 40), m.start() + 1)
        if back is None or (back.start() and text[back.start() - 1] not in _TOKEN_BEFORE):
            continue
        start, cut, end = back.start(), m.start("word"), m.end()
        number = text[back.end("sign") if back.group("sign") else start : m.start() + 1]
        if not _number_word_fits(number, back.group("sign"), m.group("unit") or "", word):
            continue
        token = text[start:end]
        if _left_alone(text, token, start, options, is_code):
            continue
        reason = f"'{text[start:cut]}' glued to '{word}'"
        edits.append(Edit(NAME, NUMBER_RULE, start, end, token, f"{text[start:cut]} {word}", reason))
    return edits


@functools.cache
def _number_after_gate() -> Any:
    """With google-re2: where :data:`_NUMBER_AFTER` can match a word of ``number_after.txt`` (no look-arounds:
    a wider net); None without google-re2."""
    try:
        import re2  # google-re2
    except ImportError:
        return None
    return re2.compile(f"[0-9](?:{_NUMBER_UNITS})?(?:{_alternation(number_after())})")


@functools.cache
def number_after() -> frozenset[str]:
    """``rules/words/number_after.txt``: the function words a number may be split from after it."""
    return read_word_list("words", "number_after.txt")


#: A run of letters, digits and the marks of a number, as a glued_number token is counted in its document.
_GLUED_RUN = re.compile(r"[^\W_](?:[\w.,]*\w)?")


@functools.cache
def number_words() -> tuple[frozenset[str], frozenset[str]]:
    """``rules/words/number_before.txt`` and ``rules/words/number_nouns.txt``: the words a number may be
    split from, before it and after it."""
    return read_word_list("words", "number_before.txt"), read_word_list("words", "number_nouns.txt")


# -------------------------------------------------------------------------------- glued_possessive
# A possessive or "it's" glued to the next word where a space was lost: "Britain'snew prime minister",
# "the country’slargest bank", "it'sthe".  Found from the marks ("'s" or "’s" before three lower-case
# letters: rare in clean text), then the whole token is read around each.
_POSSESSIVE_MARK = re.compile("['\u2019]s[a-z]{3}")
# The same, as two scans that start with a literal (Python's engine then skips to each "'s" at C speed; the
# class above made it try every character: a quarter of the stage's time on the 57 of 136 documents
# the gate let through).
_POSSESSIVE_MARKS = (re.compile("'s[a-z]{3}"), re.compile("\u2019s[a-z]{3}"))
_POSSESSIVE_TOKEN = re.compile(
    rf"(?P<head>[A-Za-z]{{2,40}})(?P<mark>['\u2019]s)(?P<tail>[a-z]{{3,}})(?=[{re.escape(_WHITESPACE + _CLOSERS)}]|\Z)"
    rf"(?![.:][^\W_])"
)
_HEAD_BEFORE = re.compile(r"[A-Za-z]{2,40}\Z")


def possessive_glue_edits(text: str, options: Options) -> list[Edit]:
    """The edits of rule ``glued_possessive``: "Britain'snew" -> "Britain's new", "team’sfirst" ->
    "team’s first".

    A whole token (after a space, an opener or the start) of letters, "'s" (straight or curly) and
    lower-case letters, split after the "s" when

    * the letters after it are a frequent English word (``min_part_frequency``) or a function word, and
      "s" with them is not a word ("workers'strike" is "workers' strike", not "workers's trike": left);
    * it is not listed in ``keep``, not on a line of code, and (``document_guard``) occurs once in the
      document, which reads as English.

    Arabic and Hawaiian names with an apostrophe ("Ta'izz", "Hawai'i", "Mas'ud") have no "'s" and a
    frequent word after it.
    """
    if POSSESSIVE_RULE in options.disabled:
        return []
    marks = [m.start() for scan in _POSSESSIVE_MARKS for m in scan.finditer(text)]
    if not marks:
        return []
    marks.sort()
    lex = lexicon()
    is_code = LineTest(text, _CODE_LINE)
    edits: list[Edit] = []
    for at in marks:
        run = _HEAD_BEFORE.search(text, max(0, at - 40), at)
        if run is None:
            continue
        start = run.start()
        if start and text[start - 1] not in _TOKEN_BEFORE:
            continue
        m = _POSSESSIVE_TOKEN.match(text, start)
        if m is None or m.start("mark") != at:
            continue
        tail = m.group("tail")
        count = lex.unigrams.get(tail, 0)
        if count < options.min_part_frequency and tail not in lex.function_first and tail not in lex.function_second:
            continue
        if is_known("s" + tail, lex):
            continue  # "workers'strike", "Jones'sword": which side the "s" belongs to is not known
        token = m.group(0)
        if _left_alone(text, token, start, options, is_code):
            continue
        cut = m.end("mark")
        reason = f"'{m.group('head')}{m.group('mark')}' glued to the word '{tail}'"
        edits.append(Edit(NAME, POSSESSIVE_RULE, start, m.end(), token, f"{text[start:cut]} {tail}", reason))
    return edits


# -------------------------------------------------------------------------------------- glued_name
# A name glued to the word after it, where a line or an HTML element (a linked name) ended without a space:
# "Johnsonsaid", "Thunbergsaid", "Ravi Patel ... Patelhad"; and a day name glued to the next word:
# "Wednesdayevening", "Sundayat" (session 11, tests/data/words/fresh4.json).  Letters of Latin-1 count as
# letters of a name ("Müllerand", "Ó Briainsaid").  A reporting verb glued to the name after it
# ("saidNguyen") is :func:`capital_glue_edits`'s (the tier ``verb-before`` of name_tails.tsv).
_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de"
_LOWER_NAME = "a-z\u00df-\u00f6\u00f8-\u00ff"
_TOKEN_END = rf"(?=[{re.escape(_WHITESPACE + _CLOSERS)}]|\Z)(?![.:][^\W_]|[(])"
#: What may stand between a space (or an opener) and a glued name: nothing, or a name's prefix ("al-Sadr",
#: "Okonjo-Iweala", "O'Brien", "d'Estaing").
_NAME_PREFIX = re.compile(rf"[{re.escape(_OPENERS)}]*(?:[^\W\d_]+[-'\u2019])*")
#: The day names, glued to a time of day or a function word after them ("Mondaymorning", "Sundayat").
DAYS = frozenset("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())
# Found from the literal "day" (the engine skips to each at C speed); the day name is checked before it.
_DAY_GLUE = re.compile(rf"day(?P<tail>[a-z]{{2,}}){_TOKEN_END}")
_DAY_HEAD = re.compile(r"(?<![^\W\d_])(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)\Z")
#: A head shorter than this (letters) is split off a reporting verb only when written as a name elsewhere.
NAME_MIN_HEAD = 5
#: The shortest head split off a function word of tier ``aux`` (and then only when written as a name elsewhere).
NAME_MIN_AUX_HEAD = 4


@functools.cache
def name_tails() -> dict[str, frozenset[str]]:
    """``rules/words/name_tails.tsv``: its words by tier (``verb``, ``aux``, ``day``, ``verb-before``)."""
    tiers: dict[str, set[str]] = {"verb": set(), "aux": set(), "day": set(), "verb-before": set()}
    where = "words/name_tails.tsv"
    for number, fields in read_tsv(rules_path("words", "name_tails.tsv")):
        if len(fields) not in (2, 3):
            raise RuleError(f"{where}:{number}: expected word, tier and an optional comment")
        word, tier = fields[0].strip(), fields[1].strip()
        if not re.fullmatch(r"[a-z]+", word):
            raise RuleError(f"{where}:{number}: {word!r} is not a lower-case word")
        if tier not in tiers:
            raise RuleError(f"{where}:{number}: tier must be one of {', '.join(tiers)}, not {tier!r}")
        tiers[tier].add(word)
    if not any(tiers.values()):
        raise RuleError(f"{where}: no words")
    return {tier: frozenset(words) for tier, words in tiers.items()}


def _alternation(words: Iterable[str]) -> str:
    return "|".join(sorted(words, key=lambda w: (-len(w), w)))


@functools.cache
def _name_pattern() -> re.Pattern[str]:
    """A capitalised word glued to a word of tiers ``verb`` and ``aux`` (the shortest head that leaves a
    listed tail), a whole token, not before ``(``.  It starts with the class of capitals, so the engine tries
    only at those (the look-behind after it: a capital not after a letter)."""
    tails = _alternation(name_tails()["verb"] | name_tails()["aux"])
    return re.compile(rf"[{_UPPER}](?<![^\W\d_].)[{_LOWER_NAME}]{{2,}}?(?P<tail>{tails}){_TOKEN_END}")


def _name_gate_pattern() -> str:
    """Where :func:`name_glue_edits` may find a token, for the RE2 gate (no look-arounds: a wider net).  A
    head ending in "l" is not split off "and" ("England", "Sondland", "Cleveland": "-land" ends places and
    names), and the gate skips those."""
    tails = name_tails()
    end = f"(?:[{re.escape(_WHITESPACE + _CLOSERS)}]|\\z)"
    others = _alternation(tails["verb"] | tails["aux"] - {"and"})
    return f"[{_UPPER}][{_LOWER_NAME}]{{2,}}(?:{others}|[{_LOWER_NAME.replace('a-z', 'a-km-z')}]and){end}|day[a-z]{{2}}"


@functools.cache
def _name_gate() -> Any:
    """With google-re2: :func:`_name_gate_pattern`, so that Python's scan of every capitalised word (about
    10 ms a MB) runs only on the documents with a candidate (a third of those the stage's own gate passes);
    None without google-re2."""
    try:
        import re2  # google-re2
    except ImportError:
        return None
    return re2.compile(_name_gate_pattern())


#: What stands before a name written as a name: a capitalised word or a title ("Ravi Patel", "Mr. Patel"), one
#: group, or a prefix ("Moqtada al-Sadr").
_BEFORE_NAME = re.compile(
    rf"(?:(?<![^\W\d_])(?P<first>[{_UPPER}][{_LOWER_NAME}]+)\.?[ \u00a0]|(?<![^\W\d_])[a-z]{{1,3}}-)\Z"
)


def _named_elsewhere(text: str, head: str, lex: Lexicon) -> bool:
    """Whether ``head`` is written as a name elsewhere in ``text``: after a capitalised word that is not a
    function word ("Ravi Patel", "Mr Patel", not "In Paris", "The Hall") or a prefix ("al-Sadr").  Found
    from the literal (a pattern that starts with a look-behind is tried at every character)."""
    for m in re.finditer(re.escape(head) + r"(?![^\W\d_])", text):
        before = _BEFORE_NAME.search(text, max(0, m.start() - 40), m.start())
        if before is None:
            continue
        first = before.group("first")
        if first is None or (first.lower() not in lex.function_first and first.lower() not in lex.function_second):
            return True
    return False


def name_glue_edits(text: str, options: Options) -> list[Edit]:
    """The edits of rule ``glued_name``: "Johnsonsaid" -> "Johnson said", "Wednesdayevening" -> "Wednesday
    evening".

    A whole token (after a space, an opener, the start or a name's prefix: "al-Sadrsaid") is split when

    * it is a capitalised word glued to a reporting verb of ``rules/words/name_tails.tsv`` (tier ``verb``:
      "said", "told", "warned"; no name ends in one) and the name has five letters or more or is written
      as a name elsewhere in the document ("Sadiq Khan ... Khansaid"; "Bensaid", "Boussaid" are names);
    * or to a function word of tier ``aux`` ("and", "was", "had": "Haaland", "Ferdinand", "Mashhad" end
      so), the name of four letters or more and written as a name elsewhere in the document, after a
      first name or a title ("Ravi Patel ... Patelhad"; not "in March ... Marchand"), and not ending in "l"
      before "and" ("England", "Sondland");
    * or it is a day name glued to a time of day (tier ``day``) or a function word ("Mondaymorning",
      "Sundayat"; not "Mondayland");

    and the token is not a word ("Aforesaid", "Foretold"), not in ``keep``, not on a line of code, and (with
    ``document_guard``) occurs once in the document, which reads as English.
    """
    if NAME_RULE in options.disabled:
        return []
    found: list[tuple[int, int, int, str]] = []  # start, cut, end, kind
    tails = name_tails()
    gate = _name_gate()
    if gate is None or _gate_may_match(gate, text):
        found += [(m.start(), m.start("tail"), m.end(), "name") for m in _name_pattern().finditer(text)]
    for m in _DAY_GLUE.finditer(text):
        day = _DAY_HEAD.search(text, max(0, m.start() - 6), m.start())
        if day is not None:
            found.append((day.start(), m.start() + 3, m.end(), "day"))
    if not found:
        return []
    found.sort()
    lex = lexicon()
    is_code = LineTest(text, _CODE_LINE)
    runs: Counter[str] | None = None
    edits: list[Edit] = []
    for start, cut, end, kind in found:
        token, head, tail = text[start:end], text[start:cut], text[cut:end]
        space = start
        while space > 0 and not text[space - 1].isspace():
            space -= 1
        if not _NAME_PREFIX.fullmatch(text, space, start):
            continue  # inside a longer token: a handle, a URL, code ("@Johnsonsaid", "x.Patelhad")
        if is_known(token.lower(), lex, options.keep) or is_code(start):
            continue
        if kind == "name":
            if tail in tails["verb"]:
                ok = len(head) >= NAME_MIN_HEAD or _named_elsewhere(text, head, lex)
            else:
                ok = len(head) >= NAME_MIN_AUX_HEAD and not (tail == "and" and head.endswith("l"))
                ok = ok and _named_elsewhere(text, head, lex)
            if not ok:
                continue
        elif tail not in tails["day"] and tail not in lex.function_first and tail not in lex.function_second:
            continue  # "Mondayland": a name
        if options.document_guard:
            if runs is None:
                runs = Counter(_LETTER_RUN.findall(text))
            if runs[token] > 1:
                continue  # a recurring token is a name
            if _not_english(text, options):
                return []
        reason = f"the {'name' if kind == 'name' else 'day name'} '{head}' glued to '{tail}'"
        edits.append(Edit(NAME, NAME_RULE, start, end, token, f"{head} {tail}", reason))
    return edits


# ------------------------------------------------------------------------------------ glued_start
# A glued pair at the start of a sentence, where the first word carries the sentence's capital: "Wehave no
# choice", "Thegovernment will respond", "Afterthe vote" (session 13).  glued_word reads lower-case tokens
# only, since a capitalised token may be a name; at a sentence start a name is as likely as anywhere, so
# the rule is narrower than glued_word: the first part is one of the words that open sentences
# (START_FIRST: articles, demonstratives, personal pronouns, quantifiers, a few conjunctions and
# prepositions), or the second a function word after an inflected word ("Accordingto"); the pair is a
# frequent bigram; the token is not a word, not in ``glued_start_keep.txt`` and written once.
#: Words that open sentences and glue to the word after them.  Not "and", "but", "in", "her", "so", "by",
#: "at", "may", "more", "still", "ever", "will", "had" ...: names start so ("Andover", "Buttrick",
#: "Ingraham", "Hershell", "Somerton", "Bygraves", "Mayfield", "Morehouse", "Stillwater", "Hadfield"), as
#: measured on the 73,980 capitalised words of Debian's american-english-insane and british-english-insane.
START_FIRST = frozenset(
    "the this these those there they we he she it many most some after during when while although because".split()
)
#: A sentence's first word and what stands before it: the start of a line, or ".", "!", "?" (a closing quote
#: after it) and spaces; then an opening quote or bracket at most.  The pattern starts with a character
#: class, so the engine tries only at those characters.
_START_TOKEN = re.compile(
    rf"(?:[.!?][\u201d\u2019\"']?[ \t\u00a0]+|\n)[{re.escape(_OPENERS)}]?(?P<token>[A-Z][a-z]{{4,19}})"
    rf"(?=[{re.escape(_WHITESPACE + _CLOSERS)}]|\Z)(?![.:][^\W_]|[(])"
)
#: The same at the very start of the text.
_START_HEAD = re.compile(
    rf"[{re.escape(_OPENERS)}]?(?P<token>[A-Z][a-z]{{4,19}})"
    rf"(?=[{re.escape(_WHITESPACE + _CLOSERS)}]|\Z)(?![.:][^\W_]|[(])"
)


@functools.cache
def start_keep() -> frozenset[str]:
    """``rules/words/glued_start_keep.txt``: lower-cased capitalised words ``glued_start`` never splits."""
    return read_word_list("words", "glued_start_keep.txt")


@functools.cache
def _start_edges() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """How a token :func:`_start_split` can cut starts (a word of :data:`START_FIRST`) or else ends (a function
    word that may stand second), read without the lexicon: a text with no such token does not load it."""
    return tuple(sorted(START_FIRST)), tuple(sorted(read_function_words("words", "function_words.tsv")[1]))


def _start_split(token: str, options: Options, lex: Lexicon) -> Split | None:
    """The split of a lower-cased sentence-start token ``token`` ("wehave"), or None."""
    if token in start_keep() or token in capital_keep() or is_known(token, lex, options.keep):
        return None  # capital_keep: brands that start with a function word ("Thescore", "Theskimm")
    split, _why = choose_split(token, options, lex)
    if split is None or (len(token) < options.min_length and not _short_split(token, split, lex)):
        return None
    if split.first not in START_FIRST:
        function_second = split.second in lex.function_second and not split.more
        if not (function_second and inflected(split.first, lex, options.min_part_frequency)):
            return None  # "Rafaelof", "Sambathe", "Fortunato": a name that ends in a function word
    return split if lex.bigrams.get(frequency.pair(split.first, split.second), 0) >= SHORT_MIN_BIGRAM else None


def start_glue_edits(text: str, options: Options) -> list[Edit]:
    """The edits of rule ``glued_start``: "Wehave" -> "We have", "Thegovernment" -> "The government" at the
    start of a sentence (a line, or after ".", "!", "?" and a space).

    The lower-cased token gets glued_word's split (:func:`choose_split`; under ``min_length`` letters the
    short-token test), and then only when its first part is a word of :data:`START_FIRST` ("we", "the",
    "after", "many") or its second a function word after an inflected word ("according|to"); the first
    pair is a frequent bigram (:data:`SHORT_MIN_BIGRAM`: "the rock" is, "he ringer" is not); the token is not
    in ``rules/words/glued_start_keep.txt`` (names of Debian's word lists the rule would cut: "Weare",
    "Theone") or ``glued_capital_keep.txt`` (brands: "Thescore"), not in ``keep``, not on a line of code,
    and (``document_guard``) written once in the document (a name recurs), which reads as English.
    """
    if START_RULE in options.disabled:
        return []
    first, last = _start_edges()
    head = _START_HEAD.match(text)
    found = [
        m
        for m in ([head] if head else []) + list(_START_TOKEN.finditer(text))
        if m.group("token").lower().startswith(first) or m.group().endswith(last)
    ]
    if not found:
        return []  # no token can split so: the lexicon is not loaded
    lex = lexicon()
    found = [m for m in found if m.group("token").lower() not in lex.unigrams]
    if not found:
        return []
    is_code = LineTest(text, _CODE_LINE)
    edits: list[Edit] = []
    for m in found:
        token = m.group("token")
        split = _start_split(token.lower(), options, lex)
        if split is None or _left_alone(text, token, m.start("token"), options, is_code):
            continue
        after = token[0] + split.text[1:]
        reason = f"'{token}' opens a sentence: '{split.first}' glued to '{' '.join(split.parts[1:])}'"
        edits.append(Edit(NAME, START_RULE, m.start("token"), m.end("token"), token, after, reason))
    return edits


# ------------------------------------------------------------------------ glue beside a hyphen
# A hyphenated compound glued to the word after it or an article glued to it: "a well-knownauthor", "the
# newly-electedmayor", "record-breakinglevels", "thelong-running dispute", "afree-to-use gym" (session 13).
# The lower-case scan of glued_word reads whole tokens only, and a hyphen is no token boundary there.
#: A lower-case word and words joined to it by hyphens (capitalised after the first: "apro-Russian"): a
#: token, stripped of openers and closers, must be this whole (not a URL, a file name, a handle).
_HYPHENATED = re.compile(r"[a-z]+(?:-[A-Za-z][a-z]*)+")
#: Where such a token can be: a hyphen between letters (found by the engine's fast scan for the literal).
_HYPHEN_JOIN = re.compile(r"-(?<=[a-z]-)(?=[A-Za-z])")
_TOKEN_STOPS = frozenset(_WHITESPACE)


def _hyphenated_tokens(text: str) -> list[tuple[int, str]]:
    """(start, token) of each whole hyphenated token of :data:`_HYPHENATED` in ``text`` (openers before it,
    closers after it, a call or a dotted name not: "f(a-b)", "x.a-b")."""
    out: list[tuple[int, str]] = []
    done = -1
    for m in _HYPHEN_JOIN.finditer(text):
        if m.start() < done:
            continue
        left = m.start()
        while left > 0 and text[left - 1] not in _TOKEN_STOPS:
            left -= 1
        right = m.end()
        while right < len(text) and text[right] not in _TOKEN_STOPS:
            right += 1
        done = right
        start, end = left, right
        while start < end and text[start] in _OPENERS:
            start += 1
        while end > start and text[end - 1] in _CLOSERS:
            end -= 1
        if _HYPHENATED.fullmatch(text, start, end):
            out.append((start, text[start:end]))
    return out


#: The articles split off a compound's first segment ("the|long-running", "a|free-to-use").
_ARTICLES = frozenset({"a", "an", "the"})


def _hyphen_head_split(segment: str, options: Options, lex: Lexicon) -> Split | None:
    """The split of a compound's first segment: an article glued to a frequent word ("thelong", "afree").
    The word is a frequent one (:data:`SHORT_PART_FREQUENCY`: "long", "free", "second"), the cut the only one
    into two words ("anever" is "an ever" or "a never": left), and the token no word."""
    if is_known(segment, lex, options.keep):
        return None
    found = splits(segment, lex)
    if len(found) != 1 or found[0].first not in _ARTICLES:
        return None
    split = found[0]
    if split.second in lex.function_first or split.second in lex.function_second:
        return None  # "athe-", "anor-": no compound opens with a function word
    return split if lex.unigrams[split.second] >= SHORT_PART_FREQUENCY else None


def _hyphen_tail_split(segment: str, options: Options, lex: Lexicon) -> Split | None:
    """The split of a compound's last segment glued to the next word ("knownauthor" is left: two content
    words; "electedmayor", "breakinglevels"): glued_word's own decision (:func:`choose_split`, and the
    short-token test under ``min_length`` letters), the first part no function word."""
    if len(segment) < SHORT_MIN_LENGTH:
        return None
    split, _why = choose_split(segment, options, lex)
    if split is None or (len(segment) < options.min_length and not _short_split(segment, split, lex)):
        return None
    if split.first in lex.function_first or split.first in lex.function_second:
        return None  # the compound would end in a function word: "anti-thepresident" is no compound
    return split


def hyphen_glue_edits(text: str, options: Options) -> list[Edit]:
    """Edits of rule ``glued_word`` beside a hyphen: the last segment of a hyphenated token glued to the next
    word, split as glued_word splits a token ("newly-electedmayor" -> "newly-elected mayor"), or an article
    glued to the first segment ("thelong-running" -> "the long-running").  The guards of glued_word: the
    segment is no word, not in ``keep``, not on a line of code, and (``document_guard``) written once, not
    hyphenated elsewhere, in an English document and line."""
    if RULE in options.disabled or "-" not in text:
        return []
    found = _hyphenated_tokens(text)
    if not found:
        return []
    lex = lexicon()
    is_code = LineTest(text, _CODE_LINE)
    doc: _Document | None = None
    edits: list[Edit] = []
    for token_start, token in found:
        head, _, _ = token.partition("-")
        tail = token.rpartition("-")[2]
        proposals = []
        if head not in lex.unigrams:
            split = _hyphen_head_split(head, options, lex)
            if split is not None:
                proposals.append((token_start, head, split))
        if tail.islower() and tail not in lex.unigrams:
            split = _hyphen_tail_split(tail, options, lex)
            if split is not None:
                proposals.append((token_start + len(token) - len(tail), tail, split))
        for start, segment, split in proposals:
            end = start + len(segment)
            if is_code(start):
                continue
            if options.document_guard:
                doc = doc or _Document(text, lex, options.min_english_share)
                if doc.reason_to_keep(segment, split, start, end):
                    continue
            reason = f"'{segment}' in '{token}' is not a word; '{split.first}' and '{split.second}' are"
            edits.append(Edit(NAME, RULE, start, end, segment, split.text, reason))
    return edits


# --------------------------------------------------------------- two function words in 3-4 letters
# "bread anda newspaper", "it had nota ...", "the size ofa house", "said itis" (session 13): the shortest glue
# of joined lines.  Read only for the tokens of rules/words/short_glue.txt.


@functools.cache
def short_glue() -> frozenset[str]:
    """``rules/words/short_glue.txt``: the 3-4 letter tokens of two function words the stage splits."""
    return read_word_list("words", "short_glue.txt")


@functools.cache
def _short_glue_pattern() -> re.Pattern[str]:
    """The tokens of :func:`short_glue` as whole tokens, as :data:`_BOUNDED` reads them."""
    before, after = re.escape(_WHITESPACE + _OPENERS), re.escape(_WHITESPACE + _CLOSERS)
    return re.compile(rf"(?:[{before}]|(?<![\s\S])){_trie(short_glue())}(?=[{after}]|\Z)(?![.:][^\W_]|[(])")


@functools.cache
def _short_glue_gate() -> Any:
    """With google-re2: the tokens of :func:`short_glue` as words, which RE2 finds at a few hundred MB/s (a
    wider net than :func:`_short_glue_pattern`, whose scan in Python runs at every space); None without it."""
    try:
        import re2  # google-re2
    except ImportError:
        return None
    return re2.compile(rf"\b{_trie(short_glue())}\b")


def short_pair_edits(text: str, options: Options) -> list[Edit]:
    """Edits of rule ``glued_word`` for the 3-4 letter tokens of ``short_glue.txt`` ("anda" -> "and a"): the
    token's one cut into two dictionary words, a pair of at least :data:`FIVE_MIN_BIGRAM` in symspellpy's
    bigrams, the token no word and not in ``keep``, not on a line of code, and (``document_guard``) written
    once in the document (in any case: "Anda" is a name), in an English document and line."""
    if RULE in options.disabled:
        return []
    gate = _short_glue_gate()
    if gate is not None and not _gate_may_match(gate, text):
        return []  # no listed token: found at RE2's speed
    found = list(_short_glue_pattern().finditer(text))
    if not found:
        return []
    lex = lexicon()
    is_code = LineTest(text, _CODE_LINE)
    doc: _Document | None = None
    edits: list[Edit] = []
    for m in found:
        start = m.start() if m.group(0)[:1].isalpha() else m.start() + 1
        token = text[start : m.end()]
        if is_known(token, lex, options.keep) or is_code(start):
            continue
        cuts = splits(token, lex)
        if len(cuts) != 1 or lex.bigrams.get(frequency.pair(cuts[0].first, cuts[0].second), 0) < FIVE_MIN_BIGRAM:
            continue
        split = cuts[0]
        if options.document_guard:
            doc = doc or _Document(text, lex, options.min_english_share)
            if doc.reason_to_keep(token, split, start, m.end()):
                continue
        reason = f"'{token}' is two function words glued: '{split.first}' and '{split.second}'"
        edits.append(Edit(NAME, RULE, start, m.end(), token, split.text, reason))
    return edits


# ------------------------------------------------------------- a closing single quote glued to a word
# "the so-called ‘partygate’scandal" (session 13): a word in curly single quotes glued to the word after the
# closing one.  glued_possessive reads "’s" + letters as a possessive ("’scandal" is "’s" + "candal", no
# word) and leaves it; the opening "‘" in the same token shows the "’" closes a quotation.
_QUOTE_GLUE = re.compile(
    rf"\u2018(?P<inner>[^\s\u2018\u2019]{{2,40}})\u2019"
    rf"(?P<word>[a-z]{{2,}})(?=[{re.escape(_WHITESPACE + _CLOSERS)}]|\Z)(?![.:][^\W_]|[(])"
)


def quote_glue_edits(text: str, options: Options) -> list[Edit]:
    """Edits of rule ``glued_word``: a space after a closing "’" glued to a word, in a token that opens with
    "‘" ("‘partygate’scandal" -> "‘partygate’ scandal"), when the word after it is a function word or a
    frequent word (``min_part_frequency``) and the inner text has no other "’"-letter join ("‘rock’n’roll’",
    "‘Ta’izz’" stay: "n", "izz" are no words); not in ``keep``, not on a line of code, and (``document_guard``)
    written once in an English document."""
    if RULE in options.disabled or "\u2018" not in text:
        return []
    found = list(_QUOTE_GLUE.finditer(text))
    if not found:
        return []
    lex = lexicon()
    is_code = LineTest(text, _CODE_LINE)
    edits: list[Edit] = []
    for m in found:
        if m.start() and text[m.start() - 1] not in _WHITESPACE and text[m.start() - 1] not in _OPENERS:
            continue  # inside a longer token
        word = m.group("word")
        function = word in lex.function_first or word in lex.function_second
        if not function and lex.unigrams.get(word, 0) < options.min_part_frequency:
            continue
        token = m.group(0)
        if _left_alone(text, token, m.start(), options, is_code):
            continue
        quote = m.start("word") - 1
        reason = f"'{word}' glued after the closing quote of '{token[: quote - m.start() + 1]}'"
        edits.append(Edit(NAME, RULE, quote, quote + 1, "\u2019", "\u2019 ", reason))
    return edits


def prepare(options: Options) -> None:
    """Load the word lists and counts now (see :func:`textmend.stages.prepare`)."""
    lexicon()
    capital_keep()
    number_words()
    number_after()
    name_tails()
    start_keep()
    short_glue()
