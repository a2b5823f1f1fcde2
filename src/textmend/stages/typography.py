"""Stage 'typography': spacing around quotes, brackets and punctuation, odd hyphens and spaces.

Scrapers that rebuild text from HTML put spaces on the wrong side of quote marks and brackets, and before
punctuation (``word <a>link</a> .`` becomes ``link .``): ``a long” Joint Statement” stating`` (an
opening quote written as a closing one, before the space), ``dominance( as they saw it )of``,
``a “ Joint Statement ” and``, ``[ see table 2 ]``, ``She said ,“ We will win . ”Then``.  The rules strip
the space inside a quote or bracket (moving it outside only where a word is glued on the other side) and
the space before ``, . ; : ! ?``.  Each fires only on a shape clean English does not have:

* a curly quote counts as opening or closing only where the line's double quotes alternate “ ” “ ” (no
  „, which makes “ a closing mark), and ’ counts as closing only after a ‘ on the line and not before a
  letter (it is also the apostrophe of "rock ’n’ roll", "the ’90s", "students’ view");
* straight quotes (also inches, feet and apostrophes) only where both marks of a pair are padded;
* soft hyphens, zero-width spaces, BOMs and word joiners go, but a zero-width space in Thai, Lao, Tibetan,
  Myanmar or Khmer (written without spaces, it marks a word break); zero-width joiners and non-joiners go
  only inside a Latin, Greek or Cyrillic word (they shape Arabic, Persian and Indic letters and emoji);
* square brackets not round a single mark (``[ ]``, ``[ x ]`` are check boxes);
* " ." only before a space, a closing mark or the line end (not ``. . .``, ``.NET``, ``.22``); " ;" " :"
  " !" " ?" only in English documents without « (French typography puts a space there), and not in
  ``: )`` emoticons, ``3 : 1`` ratios or ``Q :`` labels; " ’s" after a word (``NPR ’s Feng``) only in
  English documents (Dutch writes ``'s avonds``);
* a lone tab becomes a space only between words of a sentence or of two sentences (``minister\tsaid``,
  ``ended.\tThe``), not in a table (a tab on the line above or below) nor in code;
* none of the spaces inside brackets and straight quotes or before punctuation is touched in a line of
  code, which puts them there on purpose (``print( "hello" )``, ``require( "fs" );``, ``$ git add .``,
  ``if ( x > 0 ) {``): a line with braces, ``=``, ``()``, ``::``, a ``//`` comment, a call with a string
  literal, a last ``);`` or a shell prompt;
* a sentence mark glued to the next sentence (``officials said.The mayor``, ``in 2019.Police``,
  ``he asked?Then``: two HTML elements that met without a space) gets a space after it, only after a plain
  lower-case word or a number and before a capitalised word that ends there; never in a URL, e-mail
  address, domain or file name (``www.DearAbby.com``, ``Amazon.Com``, ``report.PDF``), after an
  abbreviation or initial (``U.S.``, ``e.g.``, ``Mr.Smith``, ``J.K.Rowling``), in code (``System.Console``)
  or after an ellipsis (``wait...What``);
* a word glued to a closing quote, a closing bracket or an abbreviation's last dot (``a disgrace”and``,
  ``(announced Monday)was``, ``U.S.officials``, ``Dr.Smith``, ``p.m.Thursday``) gets a space, only where
  the mark closes a quote or bracket opened on its line after a space, or the dot ends a title, two or more
  initials or ``e.g. i.e. a.m. p.m. a.k.a.``, and the word after is two or more letters: not ``“no”s``,
  ``65”TV``, ``»Nein«``, ``(s)he``, ``(un)likely``, ``Ca(OH)2``, ``(n + 1)th``, ``U.S.-led``, ``Ph.D.s``,
  ``E.ON``, ``No.1``, code, or a pair written so twice (a name: ``Dr.Web``).

* quotes opened by „ ‚ » padded inside (``„ Nie ma zgody ”``, ``‚ Unsinn ‘``, ``» Wir bleiben. «``) lose the
  spaces, each pair on its line (» only where the line's guillemets alternate » «: not French « », Swedish
  » »); a space after the apostrophe of a French or Italian elision (``l’ Assemblée``, ``dell’ anno``) goes,
  in a text with é or è, after a lower-case elided word or a capitalised one opening a sentence or quote;
  a space before , or . after » « “ (``« Non » ,``, ``„Nein“ ,``) and before a comma grouping thousands
  (``1 ,200``); left-to-right and right-to-left marks on a line with no right-to-left letter, and a thin
  space between two letters (session 12).

* Spanish ``¿ … ?`` and ``¡ … !`` padded inside (``¿ Qué pasa ?``); a time's colon spaced in English text
  (``10 : 30``, ``9 :45 am``; not ``1 : 25 000``, ``2 : 0``, nor ``7: 45 pm``); a
  decimal point or comma with a space before it where the number is plainly one (``0 .5``, ``4 .25%``,
  ``2 .5-metre``, ``3 ,5 Prozent``; not ``2 .22 rifles``, ``a 3 .5 ratio``); « » padded inside on a Cyrillic
  or Greek line (``« провокацией »``), French lines left (session 13).

Curly quotes, dashes, currency signs and a space before a per cent sign stay as they are (``£ 285,000``,
``5 %`` too: financial tables and Dutch ``€ 40`` set the space).
"""

from __future__ import annotations

import bisect
import heapq
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from textmend.edits import EditCollector, LineTest, StageOutput, line_around, to_fixpoint

NAME = "typography"

#: Every rule an edit of this stage can carry, and that ``disabled`` (``--disable typography.RULE``)
#: accepts (``tests/test_rule_names.py`` keeps it complete).
RULES: frozenset[str] = frozenset(
    {
        "misplaced_opening_quote",
        "padded_quotes",
        "padded_straight_quotes",
        "padded_brackets",
        "padded_square_brackets",
        "padded_elision",
        "missing_space_after_sentence",
        "missing_space_after_comma",
        "missing_space_after_quote",
        "missing_space_after_bracket",
        "missing_space_after_abbreviation",
        "invisible_character",
        "no_break_space",
        "leading_no_break_space",
        "thin_space",
        "tab_between_words",
        "space_before_period",
        "space_before_possessive",
        "displaced_space",
        "space_before_punctuation",
        "space_before_comma",
        "padded_inverted_mark",
        "spaced_time_colon",
        "space_in_decimal",
        "padded_guillemets",
        "non_breaking_hyphen",
        "full_width_punctuation",
        "one_sided_dash",
        "space_run",
        "trailing_space",
    }
)

# A closing quote glued to the word before and followed by a space, then a short quoted span closed by
# another closing quote (or a double prime, which scrapers use for one): ``long” Joint Statement”``.
# The pattern starts with the quote itself and looks back past it (``”(?<=[\w,;:]”)``, the same test as
# a lookbehind before it), so that the regex engine skips to each quote instead of trying every position.
_MISPLACED_OPENER = re.compile(r"”(?<=[\w,;:]”)[ \t]+(?=[^\s“”″])([^\n“”″]{1,120}?[^\s“”″])[”″](?=[\s.,;:!?)\]—–-]|$)")
# A curly quote padded inside against a word: "“ word", "word ”" ("’" not before a letter or digit, where
# it is an apostrophe: "the ’90s").  Two marks of different levels with a space between ("’ ”", "“ ‘")
# are the spacing typesetters give nested quotes, and count as padding only beside such a mark.
_PADDED_AGAINST_WORD = re.compile(r"[“‘] +[^\s“”‘’]|[^\s“”‘’] +(?:”|’(?![^\W_]))")
# A straight quote after a space and padded on its inner side, as an opening mark: ``said " yes "``.
_PADDED_STRAIGHT_OPEN = re.compile(r" ([\"']) +(?=[^\s\"'])")
# Round brackets padded inside: ``( as they saw it )``; the word glued after, if any, in ``after``.  The
# pattern starts with the bracket, so that the search skips to each one.  One pair may stand inside
# (``( which the IAEA ( International Atomic Energy Agency ) oversees )``, session 12): :func:`_brackets`
# mends the pair inside with the outer one, or alone where the outer one is not padded.
_PADDED_PARENS = re.compile(r"\((?P<inner>[ \t]*(?:[^()\n]|\([^()\n]*\)){1,300}?[ \t]*)\)(?=(?P<after>\w)?)")
# The same for square brackets: ``[ see table 2 ]``.
_PADDED_SQUARE = re.compile(r"\[(?P<inner>[ \t]*[^\[\]\n]{1,300}?[ \t]*)\](?=(?P<after>\w)?)")
_NB_HYPHEN = "\u2011"
#: Invisible characters the ``invisible_character`` rule removes: soft hyphen, zero-width space, BOM, word
#: joiner.  The encoding stage reads lines through them (``encoding.fix_mojibake_seen_through``), so it uses
#: this set.
INVISIBLE_CHARS = "\u00ad\u200b\ufeff\u2060"
# Scripts written without spaces between words, where a zero-width space marks a word break and stays: Thai,
# Lao, Tibetan, Myanmar, Khmer.
_NO_SPACE_SCRIPTS = "\u0e00-\u0fff\u1000-\u109f\u1780-\u17ff"
_INVISIBLE = re.compile(f"[\u00ad\ufeff\u2060]|\u200b(?<![{_NO_SPACE_SCRIPTS}]\u200b)(?![{_NO_SPACE_SCRIPTS}])")
# The same, one pattern per character, each starting with it: _INVISIBLE starts with an alternation, so the
# regex engine tried it at every character of a text holding one of them (session 11); the matches of
# these, merged in order, are _INVISIBLE's.
_INVISIBLE_EACH = {
    **{ch: re.compile(ch) for ch in "\u00ad\ufeff\u2060"},
    "\u200b": re.compile(f"\u200b(?<![{_NO_SPACE_SCRIPTS}]\u200b)(?![{_NO_SPACE_SCRIPTS}])"),
}
# Zero-width joiner and non-joiner: they shape Arabic, Persian and Indic letters and join emoji, and are
# removed only inside a word of Latin, Greek or Cyrillic letters (:func:`_joiners`), where they shape nothing.
_JOINERS = re.compile("[\u200c\u200d]+")
# Its runs in a text holding one of the two only, found with a literal scan, not a class tried at every character.
_JOINER_RUN = {ch: re.compile(f"{ch}+") for ch in "\u200c\u200d"}
# A no-break space that is not French typography (before : ; ! ? » % ‰ or after «) and not indentation.  Before
# a per cent sign it joins a number to its sign ("20\u00a0%", French and German style): not a space between
# words, and a plain space there mends nothing (session 11, tests/data/clean4).
# The pattern starts with the no-break space and looks back past it (the engine skips to each).
_NBSP = re.compile(r"\u00a0(?<=[^«\s]\u00a0)(?![:;!?»%‰\s])")
# No-break spaces that open a line: HTML's "&nbsp;" indentation (or a "Â " decoded by the encoding stage),
# not text.  Plain spaces and tabs at a line start are left alone (they can be a plain-text layout).
# A run of spaces that holds a no-break space ("&nbsp;&nbsp;&nbsp;", "word\u00a0 word"), found from its first
# no-break space (a literal start: the engine skips to each); :func:`_no_break_runs` takes the spaces before.
_NBSP_RUN = re.compile(r"\u00a0[ \t\u00a0]*")
_LEADING_NBSP = re.compile(r"^[\u00a0\u202f\u2007]+(?=\S)", re.MULTILINE)
# A narrow no-break space between two letters ("The\u202fminister"): French sets it before ; : ! ? », after «
# and in numbers (10\u202f000), never between words; Mongolian between letters of its own script, which
# :func:`_alphabetic` leaves out.
_NNBSP_BETWEEN_LETTERS = re.compile(r"(?<=[^\W\d_])\u202f(?=[^\W\d_])")
# A thin space between two letters ("the\u2009minister"): typesetting puts it beside dashes, signs and digits
# ("10\u2009000", "word\u2009—\u2009word"), never between two words of a sentence, where it is what a page's
# markup left (session 12).
_THIN_SPACE_BETWEEN_LETTERS = re.compile("\u2009(?<=[^\\W\\d_]\u2009)(?=[^\\W\\d_])")
# Full-width punctuation and the ideographic space, which Chinese and Japanese text uses and English text
# typed with a CJK input method picks up ("said，the deal", "China（ICBC）reported"): folded to ASCII only on
# a line with no CJK character and no full-width letter or digit, between ASCII characters
# (:func:`_full_width_in_latin`); kaomoji ("（＾▽＾）") have none there.
_FULL_WIDTH_ASCII = {
    "\uff01": "!",
    "\uff08": "(",
    "\uff09": ")",
    "\uff0c": ",",
    "\uff1a": ":",
    "\uff1b": ";",
    "\uff1f": "?",
}
_FULL_WIDTH_CHARS = "".join(_FULL_WIDTH_ASCII) + "\u3000"
_FULL_WIDTH = re.compile(f"[{_FULL_WIDTH_CHARS}]")
# Han, kana, hangul, CJK punctuation (not the ideographic space itself), full-width letters and digits.
_CJK_OR_FULL_WIDTH_WORD = re.compile(
    "[\u1100-\u11ff\u2e80-\u2fff\u3001-\u9fff\uac00-\ud7af\uf900-\ufaff\uff10-\uff19\uff21-\uff3a"
    "\uff41-\uff5a\uff66-\uffdc\U00020000-\U0003ffff]"
)
# A spaced dash with one side glued to a word ("approved on Monday —was", "a draw– was"), on a line whose
# other dashes of that kind are spaced on both sides: the space lost as HTML was taken apart.  A letter on
# the glued side (not "2019 –20", a range).
# Found with ``str.find`` of the dash beside a space (a regex scan for a dash read every character of
# every text at Python's regex speed: a third of the stage's time), then a look at the other side.
_LETTER = re.compile(r"[^\W\d_]")
_SPACE_RUN = re.compile(r"(?<=\S)[ \t]{2,}(?=\S)")
# The same in a text without a tab, starting with its two spaces (the engine skips to each pair, where
# _SPACE_RUN, starting with a look-behind, is tried at every character): the first two spaces of a run
# after a character other than white space, then the rest of the run.
_SPACE_RUN_NO_TAB = re.compile(r"  (?<=\S  ) *(?=\S)")
# One tab between two characters (a run of spaces and tabs is _SPACE_RUN's); :func:`_tabs_in_prose` judges it.
_TAB = re.compile(r"(?<=\S)\t(?=\S)")
_TRAILING = re.compile(r"[ \t\u00a0]+(?=\r?\n|\Z)")
# A line break after a space, tab or no-break space (or after one and "\r"): where _TRAILING's runs end,
# found from the line breaks (:func:`_trailing_spaces`), not by a class tried at every character and a
# match tried at every space.
_BREAK_AFTER_SPACE = re.compile("\n(?:(?<=[ \t\u00a0]\n)|(?<=[ \t\u00a0]\r\n))")
# What a space before punctuation may follow: a letter or digit, a closing bracket or quote, a percent sign.
# Guillemets close a quote in French (») and in German and Danish («), “ in German (session 12: "« Non » ,",
# "„Nein“ ,"); none stands before a comma or a full stop with a space between in any language.
_CLOSING = ')]”’"%»«“'
# A space before a comma, before a space, a closing mark or the line end: "the deal , which", "in 2019 , the",
# "he would wait… , then".
_SPACE_BEFORE_COMMA = re.compile(r"(?<=[^\W_]|[)\]”’\"%…»«“])[ \t]+(?=,(?:[ \t”’\")\]]|\r?$))", re.MULTILINE)
# Its commas: after a space or tab, before what it asks; :func:`_spaces_before_commas` looks back from each
# (the pattern above starts with a look-behind, so the engine tried it at every character).
_COMMA_AFTER_SPACE = re.compile(r",(?<=[ \t],)(?=[ \t”’\")\]]|\r?$)", re.MULTILINE)
# What stands before the spaces: a letter or digit, a closing mark, a percent sign, an ellipsis.
_BEFORE_COMMA_SPACE = re.compile(r"[^\W_]|[)\]”’\"%…»«“]")
# The signs that stand after a space, each with the space or "s" after it if there is one: a space (a run of
# spaces), a line break (a trailing space), , . ; : ! ?, straight quotes and closing curly ones.  One scan
# finds them all: a two-character search per sign (" ,", "  ", " \n", ...) would read the text once each,
# each about a third as long as this scan.  The rules then look for their own sign.
_SPACE_THEN_SIGN = re.compile(r" (?=([ \n,.;:!?\"'”’][ s]?))")
# What follows a full stop that ends a sentence: a closing mark, the line end, or a space that is not
# part of an ellipsis (". . .").  Not ".NET", ".com", ".22": a letter or digit follows them.
_PERIOD_END = re.compile(r"\.(?:[”’\")\]]|\r?\n|\r?\Z| +(?! *\.))")
# A space written before a sentence mark or a comma instead of after it, the mark glued to the next word, as
# where two HTML elements met: "he said .“They wanted", "signs of this .The study", "the deal ,which".
# After . ! ? the next word opens a sentence: an opening quote, or a capitalised word that ends there (not
# ".NET", "example .Com/"); after a comma, an opening quote or any word.
_DISPLACED_AFTER_STOP = re.compile(r"[“‘][^\W\d_]|(?P<word>[A-Z][a-z]+)(?![\w@/\\(=&]|[.\-:][^\W_])")
_DISPLACED_AFTER_COMMA = re.compile(r"[“‘]?[^\W\d_]")
# What follows ; : ! ? that end a clause: a space, a closing mark or the line end.
_GUILLEMET = re.compile("»")
_MARK_END = re.compile(r"[;:!?](?:[ \t”’\")\]]|\r?\n|\r?\Z)")
# A sentence mark glued to the capitalised word of the next sentence, as where two HTML elements met:
# "officials said.The mayor", "in 2019.Police", "he asked?Then", "said.”The".  The pattern starts with
# the mark and looks back past it (the engine skips to each mark).  Before it: a lower-case letter or a
# digit (not "U.S.", not "...", not ".NET"); after it: at most one closing mark, then a word of a capital
# and lower-case letters that ends there (not "DearAbby", not "Needleman@wsj.com", "World.IGN.com",
# "Math.Floor(", "report.PDF"), or "I" ("I own.I needn’t"), or "A" before a word ("it.A preview").
# :func:`_glued_sentences` checks the words around it.
# One pattern per mark: a pattern that starts with a literal character is searched for with a fast scan
# for that character (about five times faster than one that starts with the class "[.?!]").
_GLUED_SENTENCE = {
    mark: re.compile(
        rf"\{mark}(?<=[a-zß-öø-ÿ0-9]\{mark})(?P<close>[”’)\]\"]?)(?P<open>[“‘]?)"
        r"(?P<word>[A-Z][a-z]+(?![\w@/\\(=&]|[.\-:][^\W_])|I(?=[ ’']|\Z)|A(?= [a-z]))"
    )
    for mark in ".?!"
}
# The whole word before the mark: letters (a hyphen or apostrophe inside), or a number; an opening mark
# before it is fine.  A dot, digit-letter mix, "@", "/", "_" ... in it is a URL, an e-mail address, an
# abbreviation ("U.S", "e.g"), a version ("v2") or code, and leaves the mark alone.
_SENTENCE_END_WORD = re.compile(
    r"[(\[“‘\"']*(?:[A-ZÀ-ÖØ-Þ]?[a-zß-öø-ÿ]+(?:[-'’][A-Za-zÀ-ÖØ-öø-ÿ]+)*|[$£€]?\d{1,3}(?:,\d{3})+|[$£€]?\d+)"
)
#: Words that end in a full stop without ending a sentence (compared in lower case): titles, "St",
#: "No", "Inc", months and days as abbreviated, and the like ("Mr.Smith", "St.Louis", "No.One").
_ABBREVIATIONS = frozenset(
    """mr mrs ms mx dr prof st mt ft jr sr gov sen rep gen col lt sgt capt cmdr adm maj cpl pvt rev hon
    pres supt atty messrs mme mlle no nos vol vols fig figs inc corp co ltd llc plc bros vs etc al ave blvd
    rd hwy jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    approx dept univ assn est ed eds pp ch sec art para viz cf ca op ph pt par ex dist min max""".split()
)
#: Words that stand before a dot in code rather than at a sentence end ("System.Console", "this.Name").
_CODE_RECEIVERS = frozenset(
    """this self obj ctx props args params req res System Console Math Object String Array Microsoft
    Android java javax Java""".split()
)
#: Function words that open sentences and name no member of an object: after "this." they make the dot a
#: sentence's end ("signs of this.At sites", "because of this.The"), not code ("this.Name").
_SENTENCE_OPENERS = frozenset(
    """The A An At In On It Its This That These Those He She They We I You His Her Their Our My But And Or So
    Yet For If When While As After Before Since Then There Here What Why How Who Where Some Many Most No Not
    Even Still Also Now Instead However""".split()
)
# A comma glued on both sides, before a conjunction or relative word that ends there ("back,and cost",
# "the plan,which failed"): a space lost after it.  The pattern starts with the comma and looks back past
# it (the engine skips to each comma), as _GLUED_SENTENCE does; :func:`_glued_commas` checks the whole
# word before it.  A list written without spaces ("red,green", "news,politics") or code ("f(a,b)") names
# no such word after the comma, a number ("1,000") has no letter before it.
_GLUED_COMMA = re.compile(
    r",(?<=[a-zß-öø-ÿ]{2},)(?:and|but|or|nor|yet|which|who|whom|whose|where|whereas|while|when|although"
    r"|though|because|unless|until|including)(?= )"
)
# The whole word before that comma: letters (a hyphen or apostrophe inside), an opening mark before them.
_COMMA_WORD = re.compile(r"[(\[“‘\"']*[A-ZÀ-ÖØ-Þ]?[a-zß-öø-ÿ]+(?:[-'’][A-Za-zÀ-ÖØ-öø-ÿ]+)*")
# Signs of a line of code (the line is left alone): braces, assignments, calls, arrows, scopes.
_CODE_LINE = re.compile(r"[{}=]|\(\)|::|//")
# Signs of a line of code for the rules on spaces inside brackets and straight quotes and before
# punctuation, where code puts spaces on purpose (``f( x )``, ``x = " a "``, ``find . -name``): those of
# _CODE_LINE ("//" not after ":", which is a URL), a call with a string literal (``print( "hello" )``), a
# statement ending in ");" and a shell prompt before a command ("$ git add .", not "$ 5 million").
_CODE_SIGNS = re.compile(r"""[{}=]|\(\)|::|(?<!:)//|\w\( *["'`]|\) *;[ \t]*\r?$|^[ \t]*\$ [a-z]""", re.MULTILINE)
#: Top-level domains and file endings that look like a capitalised word after a dot ("Mixi.Media",
#: "Hill.Tv", "Amazon.Com", "report.Pdf"): a name, not two sentences.
_NOT_A_SENTENCE = frozenset(
    """com net org edu gov mil int info biz io co tv ai app news media online site uk ca fr eu nl ru ch jp
    cn ly fm gg cc ws tech store blog cloud digital pdf doc docx xls xlsx ppt
    pptx jpg jpeg png gif txt csv zip mp mp3 mp4 mov avi htm html php asp aspx js json xml exe""".split()
)
# A word glued to a closing quote, a closing bracket or an abbreviation's last dot, as where two HTML
# elements met or a scraper dropped the space (session 10, tests/data/typography_glue.json): "a
# disgrace”and he left", "the plan (announced Monday)was", "U.S.officials", "Dr.Smith", "p.m.Thursday".
# The word after: two or more lower-case letters, or a capital and lower-case letters, that end there (not
# a plural or possessive "s", not "RED", "ON", "DataFrame", "Web.com", "th" of "(n + 1)th").
_GLUED_WORD = r"(?:[a-zß-öø-ÿ]{2,}|[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+)(?![\w@/\\(=&]|[.\-:][^\W_])"
# One pattern per mark, each starting with it (the engine skips to each mark), as _GLUED_SENTENCE.
# A ” or " with no space before it (one with a space before is padded or opening: left to other rules);
# the look-behind comes after the mark, so that the engine skips to each mark.
_QUOTE_GLUED = {
    "”": re.compile(rf"”(?<=\S”)(?P<word>{_GLUED_WORD})"),
    '"': re.compile(rf'"(?<=\S")(?P<word>{_GLUED_WORD})'),
    "»": re.compile(rf"»(?P<word>{_GLUED_WORD})"),
}
_BRACKET_GLUED = {mark: re.compile(rf"\{mark}(?P<word>{_GLUED_WORD})") for mark in ")]"}
# What a bracket holds that makes the word glued after it a formula, not a sentence going on: signs of
# arithmetic ("(x + 1)dx", "(a+b)c"; not "%", which prose writes: "[which fell 4%]recovered"); and the
# ordinal endings after it ("(n + 1)th").
_FORMULA = re.compile(r"[+=*/^<>|\\]")
_ORDINAL_ENDINGS = frozenset({"st", "nd", "rd", "th"})
# A dot glued to the next word; :func:`_glued_after_abbreviations` checks the whole word before it.
_DOT_GLUED = re.compile(rf"\.(?<=[A-Za-z]\.)(?P<word>{_GLUED_WORD})")
# Abbreviations whose last dot a word was glued to (the word before that dot, an opening mark before it): a
# title before a name, one or a chain ("Dr.Smith", "Lt.Col.Vindman", "vs.Trump"); a company's ending
# before its verb ("Acme Inc.said", "Co.Ltd."; not "Ltd.co.uk", a domain); two or more capital
# initials ("U.S.officials", "J.R.R.Tolkien"; not one, "K.Mbappe" as a stats line writes it, nor "E.ON");
# the dotted lower-case abbreviations of prose ("e.g.the", "p.m.Thursday", "a.k.a.the").  Not "No.1",
# "Fig.3" (no letter after), "Ph.D.s", "U.S.-led", "U.S.’s", "Inc.'s", nor a URL or file name ("www.Dr").
# A title takes a name after it, a capitalised word ("Dr.Smith"; not "Dr.dre", "Mt.gox", left as written).
_TITLES = (
    "Mr|Mrs|Ms|Mx|Dr|Prof|St|Mt|Ft|Gov|Sen|Rep|Gen|Col|Lt|Sgt|Capt|Cmdr|Adm|Maj|Cpl|Pvt|Rev|Hon|Pres|Supt|Atty|Messrs"
)
_COMPANY_ENDINGS = "Inc|Corp|Co|Ltd|Plc|LLC|Bros"
_ABBREVIATION_BEFORE = re.compile(
    rf"[(\[“‘\"']*(?:(?:(?:{_TITLES}|{_COMPANY_ENDINGS})\.)*(?:(?P<title>{_TITLES}|vs)|{_COMPANY_ENDINGS})"
    r"|(?:[A-Z]\.)+[A-Z]|e\.g|i\.e|a\.m|p\.m|a\.k\.a)"
)
# A Markdown code span on one line: "`f( x )`", "`&nbsp;`".  What is inside is what the writer shows, and no
# rule of this stage or of the encoding stage touches it.  Backticks written for apostrophes pair too
# ("it`s ( sic ) that`s" is left): the safe side.
_CODE_SPAN = re.compile(r"`[^`\n]+`")


def code_spans(text: str) -> list[tuple[int, int]]:
    """The spans of the Markdown code spans of ``text``, in order."""
    return [m.span() for m in _CODE_SPAN.finditer(text)] if "`" in text else []


def in_code(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``text[start:end]`` overlaps one of ``spans`` (in order, not overlapping): the last span
    that starts at or before ``start`` ends after it, or the next one starts before ``end``."""
    i = bisect.bisect_right(spans, (start, 1 << 62))
    return (i > 0 and spans[i - 1][1] > start) or (i < len(spans) and spans[i][0] < end)


# Common function words of English and of French, to tell an English document from a French one.
# Session 13: "at by from were will said has had would which their been", English only, for short texts (a
# headline, a one-line caption: "Unemployment stood at 5.2 %.").
_ENGLISH_WORDS = (
    "the and of to is that with for not was are this it you he she they have"
    " at by from were will said has had would which their been"
).split()
_FRENCH_WORDS = "le la les des est une et du que pour pas dans qui sur au ce il nous vous".split()


@dataclass(frozen=True)
class Options:
    """Options for the typography stage (each a rule that can be switched off)."""

    quotes: bool = True
    brackets: bool = True
    hyphens: bool = True
    invisible: bool = True
    no_break_spaces: bool = True
    spaces: bool = True
    #: A space after a sentence mark glued to the next sentence ("said.The"): rule ``missing_space_after_sentence``;
    #: after a comma glued to a conjunction ("back,and cost"): rule ``missing_space_after_comma``.
    sentence_glue: bool = True
    disabled: frozenset[str] = frozenset()


def _quotes(c: EditCollector) -> None:
    text = c.text
    pos = 0
    # The quotes opened and closed on the line before the match, counted as the matches go (each count
    # reading the line from its start made a line of thousands of quotes quadratic).
    upto = opened = closed = 0
    while (m := _search_at(_MISPLACED_OPENER, text, "”", pos)) is not None:
        pos = m.end()
        newline = text.rfind("\n", upto, m.start())
        if newline >= 0:
            upto, opened, closed = newline + 1, 0, 0
        opened += text.count("“", upto, m.start())
        closed += text.count("”", upto, m.start())
        upto = m.start()
        # The first mark must not be closing a quote opened earlier on the line; if it is, the next
        # closing mark may still start a misplaced pair, so search again from just after it.
        if opened > closed:
            pos = m.start() + 1
            continue
        inner = m.group(1)
        if len(inner.split()) > 15:
            continue
        c.add(
            m.start(),
            m.end(),
            f" “{inner}”",
            rule="misplaced_opening_quote",
            reason="opening quote written as a closing one before the space",
        )


def _curly_roles(text: str, start: int, end: int) -> dict[int, int]:
    """The curly quotes of one line that open (value 1) or close (value -1) a quote, by position.

    Double quotes count only where they alternate “ ” “ ”, starting with “, on a line without „ (which
    makes “ a closing mark, as in German).  A ‘ opens; its closing mark is the first ’ before the next ‘
    that has a space before it and no letter or digit after it, or else the first with no letter or digit
    after it (a ’ before a letter is an apostrophe: "rock ’n’ roll").  No single quotes on a line with ‚.
    """
    line = text[start:end]
    roles: dict[int, int] = {}
    if "„" not in line:
        marks = sorted([*_finds(line, "“"), *_finds(line, "”")])
        if all(line[i] == "“”"[k % 2] for k, i in enumerate(marks)):
            for k, i in enumerate(marks):
                if k % 2 or k + 1 < len(marks):  # an opening mark counts only with its closing one
                    roles[start + i] = -1 if k % 2 else 1
    if "‘" in line and "‚" not in line:
        opens = list(_finds(line, "‘"))
        ends = [j for j in _finds(line, "’") if not line[j + 1 : j + 2].isalnum()]
        for n, i in enumerate(opens):
            stop = opens[n + 1] if n + 1 < len(opens) else len(line)
            # the ’ between this ‘ and the next (bisected: a line of thousands of quotes stays linear)
            closers = ends[bisect.bisect_right(ends, i) : bisect.bisect_left(ends, stop)]
            if not closers:
                continue
            padded = next((j for j in closers if line[j - 1] == " "), closers[0])
            roles[start + i] = 1
            roles[start + padded] = -1
    return roles


def _glued(ch: str) -> bool:
    """Whether ``ch`` before an opening mark (or after a closing one) is glued to it: a letter, digit or
    sentence punctuation, so that the space taken from inside goes outside instead."""
    return ch.isalnum() or (ch != "" and ch in ",.;:!?")


def _padded_quote_marks(text: str) -> list[int]:
    """Positions of curly quotes with a space on their inner side: “ or ‘ before a space, ” or ’ after one.

    Found by the one-character ``str.find`` from quote to quote, as :func:`_may_pad_brackets` does; ’ is
    looked at only where a ‘ could open a quote for it to close.
    """
    found: list[int] = []
    for mark in "“”‘’" if "‘" in text else "“”":
        inner = 1 if mark in "“‘" else -1
        found.extend(i for i in _finds(text, mark) if text[i + inner : i + inner + 1] == " ")
    return sorted(found)


def _nested_space_is_padding(
    text: str, roles: dict[int, int], opening: int | None, closing: int | None, bound: int
) -> bool:
    """Whether the space between two quote marks of different levels, at the ``opening`` mark of a quote
    ("“ ‘no’ …”") or at its ``closing`` one ("… ‘no’ ”"), is a scraper's padding rather than the space
    news style sets between nested quotes (AP: ``“ ‘Oh no,’ he said”``, ``“… attention,’ ” Hege said``).

    Padding it is only where the quote, from its opening mark to its closing one, also pads a mark
    against a word ("“ ‘ no ’ ”", "“ all helpful attention,’ ”"); a quote whose other mark cannot be
    found on the line (``roles``; ``bound`` is the line's end for an opening mark, its start for a
    closing one) is left as it is.  Each search runs from one mark to its partner, once per nested pair.
    """
    if opening is None and closing is not None:
        # the nearest opening mark before: the partner of a ” (the double marks alternate), and the ‘
        # whose span holds a closing ’
        opening = text.rfind("“" if text[closing] == "”" else "‘", bound, closing)
        if roles.get(opening) != 1:
            return False
    elif closing is None and opening is not None:
        if text[opening] == "“":
            closing = text.find("”", opening + 1, bound)
        else:  # the first closing ’ before the next ‘ (apostrophes have no role)
            stop = text.find("‘", opening + 1, bound)
            stop = bound if stop < 0 else stop
            closing = text.find("’", opening + 1, stop)
            while closing >= 0 and roles.get(closing) != -1:
                closing = text.find("’", closing + 1, stop)
        if roles.get(closing) != -1:
            return False
    else:
        return False
    return _PADDED_AGAINST_WORD.search(text, opening, closing + 1) is not None


def _padded_curly(c: EditCollector) -> None:
    text = c.text
    lines: dict[int, dict[int, int]] = {}
    for quote in _padded_quote_marks(text):
        if text[quote - 1 : quote] == "€":
            continue  # mojibake of a dash or quote ("â€“ "), which the encoding stage repairs
        start, end = line_around(text, quote)
        if start not in lines:
            lines[start] = _curly_roles(text, start, end)
        role = lines[start].get(quote, 0)
        mark = text[quote]
        if role == 1:
            stop = quote + 1
            while text[stop : stop + 1] == " ":
                stop += 1
            if text[stop : stop + 1] in ("", "\n", "\r", "\t"):
                continue
            inner = text[stop]
            if inner in "“”‘’" and not (inner in "“‘" and inner != mark and lines[start].get(stop) == 1):
                continue  # "“ ”", unless a quote opens inside this one: "“ ‘no’ ”"
            if inner in "“‘" and not _nested_space_is_padding(text, lines[start], quote, None, end):
                continue  # "“ ‘Never,’ he said,”": the space news style sets between nested quotes
            glued = quote > start and _glued(text[quote - 1])
            if mark == "‘" and glued and text[quote - 1] == "s":
                continue  # "the players‘ union": an apostrophe facing the wrong way, maybe
            glued = glued and mark in "“‘"
            c.add(quote, stop, f" {mark}" if glued else mark, rule="padded_quotes", reason="space inside a quote mark")
        elif role == -1:
            begin = quote - 1
            while begin > start and text[begin - 1] == " ":
                begin -= 1
            if begin == start or text[begin - 1] in "\t“‘":
                continue
            if (
                text[begin - 1] in "”’"
                and text[begin - 1] != mark
                and not _nested_space_is_padding(text, lines[start], None, quote, start)
            ):
                continue  # "“He said ‘no,’ ” she wrote": the space between the closing marks of nested quotes
            glued = mark == "”" and text[quote + 1 : quote + 2].isalnum()
            c.add(
                begin,
                quote + 1,
                f"{mark} " if glued else mark,
                rule="padded_quotes",
                reason="space inside a quote mark",
            )


#: Quotes that open with a low or reversed mark, and the marks that close them: German and Polish „ “ / „ ”,
#: German ‚ ‘ (Polish ‚ ’), and » « (German, Danish).
_LOW_OPENERS = {"„": "“”", "‚": "‘’", "»": "«"}


#: What an opening „ ‚ » may follow besides a space or the line's start: a bracket, a dash, a slash, another mark.
_BEFORE_OPENER = frozenset("([{—–-/„‚»«“‘\"'")


def _padded_low_quotes(c: EditCollector) -> None:
    """Quotes opened by „ ‚ or » padded inside (session 12): ``„ Nie ma zgody ”``, ``‚ Unsinn ‘``,
    ``» Wir bleiben. «``, ``„Ja “`` lose the spaces inside.  Each opening mark pairs with the first closing
    mark after it on its line, before the next opening one (a ’ only where no letter follows it, an
    apostrophe else); » opens only on a line whose guillemets alternate » « (French « » are spaced, Swedish
    » » both close).  A mark padded against the line's end or another mark is left."""
    text = c.text
    reversed_lines: dict[int, bool] = {}  # what _reversed_guillemets found of each line, by its start
    for opener, closers in _LOW_OPENERS.items():
        if opener not in text:
            continue
        end = -1  # the line of the last mark: the marks come in order, so each line is found once, not per mark
        for at in _finds(text, opener):
            if at > end:
                start, end = line_around(text, at)
            if at > start and not (text[at - 1].isspace() or text[at - 1] in _BEFORE_OPENER):
                continue  # glued to what is before it: no opening mark ("â‚¬" of mojibake made twice, "Home»")
            if opener == "»":
                if start not in reversed_lines:
                    reversed_lines[start] = _reversed_guillemets(text, start, end)
                if not reversed_lines[start]:
                    continue  # French « … », Swedish » … », or a breadcrumb's »
            limit = text.find(opener, at + 1, end)
            limit = end if limit < 0 else limit
            close = limit
            for mark in closers:  # the first closing mark before the next opening one
                j = text.find(mark, at + 1, close)
                while j >= 0 and mark == "’" and text[j + 1 : j + 2].isalpha():
                    j = text.find(mark, j + 1, close)
                close = close if j < 0 else j
            if close == limit:
                continue
            stop, begin = _padding_inside(text, at, close, " ")
            if stop == close or text[stop] in "\t“”‘’„‚«»" or text[begin - 1] in "\t“”‘’„‚«»":
                continue  # nothing inside, or the space between two marks of nested quotes
            _unpad(c, at, stop, begin, close, "padded_quotes", "space inside a quote mark")


def _padding_inside(text: str, at: int, close: int, blanks: str) -> tuple[int, int]:
    """The blanks inside the pair of marks at ``at`` and ``close``: where those after the opening mark end and
    where those before the closing one start (``close`` and ``close`` when only blanks stand between)."""
    stop = at + 1
    while stop < close and text[stop] in blanks:
        stop += 1
    begin = close
    while begin > stop and text[begin - 1] in blanks:
        begin -= 1
    return stop, begin


def _unpad(c: EditCollector, at: int, stop: int, begin: int, close: int, rule: str, reason: str) -> None:
    """Remove the blanks :func:`_padding_inside` found inside the pair of marks at ``at`` and ``close``."""
    if stop > at + 1:
        c.add(at + 1, stop, "", rule=rule, reason=reason)
    if begin < close:
        c.add(begin, close, "", rule=rule, reason=reason)


_GUILLEMETS = re.compile("[«»]")


def _reversed_guillemets(text: str, start: int, end: int) -> bool:
    """Whether the guillemets of the line ``text[start:end]`` alternate » « » «, starting with »: German and
    Danish quotes (not French or Swiss « », not Swedish » », where » closes too)."""
    if text.find("«", start, end) < 0:
        return False
    marks = _GUILLEMETS.findall(text, start, end)  # in C: a per-character loop in Python cost 1 % of the stage
    return all(ch == "»«"[k % 2] for k, ch in enumerate(marks))


def _padded_straight(c: EditCollector) -> None:
    """Straight quotes, paired in order on their line, where both marks of a pair are padded inside.

    A straight double quote is also an inch sign and a single one a foot sign or an apostrophe: pairs next
    to a digit are left, single quotes count only where none on the line touches a letter on its left.
    """
    text = c.text
    done: set[tuple[int, str]] = set()
    is_code = LineTest(text, _CODE_SIGNS)
    for m in _PADDED_STRAIGHT_OPEN.finditer(text):
        mark = m.group(1)
        start, end = line_around(text, m.start(1))
        if (start, mark) in done:
            continue
        done.add((start, mark))
        if is_code(start):
            continue  # a string literal: print( " a " )
        line = text[start:end]
        marks = list(_finds(line, mark))
        if mark == "'":
            # Apostrophes inside words ("don't") do not pair; any other ' glued to a word on its left
            # ("students' view") may be a closing mark or an apostrophe: leave the line.
            marks = [i for i in marks if not (line[i - 1 : i].isalnum() and line[i + 1 : i + 2].isalnum())]
            if any(line[i - 1 : i].strip() and line[i - 1] not in "([" for i in marks):
                continue
        if len(marks) % 2:
            continue
        for k in range(0, len(marks), 2):
            o, e = marks[k], marks[k + 1]
            inner = line[o + 1 : e]
            stripped = inner.strip(" ")
            lead, trail = len(inner) - len(inner.lstrip(" ")), len(inner) - len(inner.rstrip(" "))
            if not stripped or not lead or not trail or len(stripped) > 200:
                continue
            if line[o - 1 : o] not in ("", " ", "(", "[") or line[e + 1 : e + 2] not in ("", " ", *".,;:!?)]"):
                continue
            before = o  # the sign before the opening mark and its spaces (not line[:o].rstrip(): quadratic)
            while before > 0 and line[before - 1] == " ":
                before -= 1
            if stripped[0].isdigit() or stripped[-1].isdigit() or line[before - 1 : before].isdigit():
                continue  # 5 " 10 " or a pair of inch signs
            c.add(
                start + o + 1,
                start + o + 1 + lead,
                "",
                rule="padded_straight_quotes",
                reason="space inside a quote mark",
            )
            c.add(start + e - trail, start + e, "", rule="padded_straight_quotes", reason="space inside a quote mark")


def _brackets(c: EditCollector, pattern: re.Pattern[str], rule: str) -> None:
    is_code = LineTest(c.text, _CODE_SIGNS)
    pos = 0
    while (m := pattern.search(c.text, pos)) is not None:
        inner = m.group("inner")
        # a pair inside (round brackets only) is looked at too, after this one: it may be padded itself
        pos = m.start() + 1 if "(" in inner else m.end()
        stripped = inner.strip(" \t")
        if not stripped or stripped == inner or is_code(m.start()):
            continue
        if rule == "padded_square_brackets" and len(stripped) == 1 and not stripped.isdigit():
            continue  # a check box: [ x ]
        if _emoticon(inner, stripped):
            continue
        if "(" in stripped:  # the pair inside mended in the same edit, if padded too (the edits must not overlap)
            stripped = _NESTED_PADDED.sub(_unpad_nested, stripped)
        before, after = c.text[m.start() - 1 : m.start()], m.group("after") or ""
        # The space inside goes outside where a word is glued on that side; before the bracket only after
        # an ASCII letter: a space after "Â" would turn it into mojibake of a no-break space.
        space_before = " " if inner[0] in " \t" and before.isascii() and before.isalpha() else ""
        space_after = " " if inner[-1] in " \t" and after.isalnum() else ""
        new = f"{space_before}{c.text[m.start()]}{stripped}{c.text[m.end() - 1]}{space_after}"
        c.add(m.start(), m.end(), new, rule=rule, reason="spaces inside brackets, none outside")


# A pair of round brackets inside another, padded inside: what :func:`_brackets` mends with the outer pair.
_NESTED_PADDED = re.compile(r"\((?P<inner>[ \t]*[^()\n]+?[ \t]*)\)")


def _unpad_nested(m: re.Match[str]) -> str:
    inner = m.group("inner")
    stripped = inner.strip(" \t")
    return m.group() if not stripped or _emoticon(inner, stripped) else f"({stripped})"


def _emoticon(inner: str, stripped: str) -> bool:
    """Whether the inside of a bracket is a face, not words: no letter or digit in it ("( ^_^ )",
    "( ; _ ; )", "( ´ ▽ ` )"), or a combining mark after a space, which text never has ("( ͡° ͜ʖ ͡°)")."""
    if not any(ch.isalnum() for ch in stripped):
        return True
    return not inner.isascii() and any(
        inner[i - 1] == " " and unicodedata.category(ch) == "Mn" for i, ch in enumerate(inner) if i and ord(ch) >= 0x300
    )


def _full_width_in_latin(c: EditCollector) -> None:
    """Full-width punctuation and ideographic spaces on a line of Latin text become their ASCII forms
    (:data:`_FULL_WIDTH`), with the space English sets after , : ; ! ? and ) and before ( where a word is
    glued there ("said，the deal" -> "said, the deal", "China（ICBC）reported" -> "China (ICBC) reported")."""
    text = c.text
    lines: dict[int, bool] = {}
    for m in _FULL_WIDTH.finditer(text):
        at = m.start()
        start, end = line_around(text, at)
        if start not in lines:
            lines[start] = _CJK_OR_FULL_WIDTH_WORD.search(text, start, end) is None
        before, after = text[at - 1 : at] if at > start else "", text[at + 1 : at + 2] if at + 1 < end else ""
        if not lines[start] or not (before.isascii() and after.isascii()):
            continue
        mark = text[at]
        if mark == "\u3000":
            if before.strip() and after.strip():
                c.add(at, at + 1, " ", rule="full_width_punctuation", reason="ideographic space in Latin text")
            continue
        ascii_mark = _FULL_WIDTH_ASCII[mark]
        if ascii_mark == "(":
            new = " (" if before.isalnum() else "("
        else:
            new = ascii_mark + (" " if after.isalpha() or (ascii_mark == ")" and after.isdigit()) else "")
        c.add(at, at + 1, new, rule="full_width_punctuation", reason="full-width punctuation in Latin text")


def _one_sided_dashes(c: EditCollector) -> None:
    """A space on the glued side of a dash spaced on one side only (a space, the dash, a letter, or a
    letter, the dash, a space: :func:`_one_sided_dash_sites`), in English
    documents (Spanish dialogue writes "—dijo él—") on lines that space that dash on both sides
    elsewhere, and not in code."""
    text = c.text
    english: bool | None = None
    spaced: dict[tuple[int, str], bool] = {}
    is_code = LineTest(text, _CODE_SIGNS)
    for at, dash, space_before in _one_sided_dash_sites(text):
        start, end = line_around(text, at)
        if (start, dash) not in spaced:
            spaced[start, dash] = f" {dash} " in text[start:end]
        if not spaced[start, dash] or is_code(at):
            continue
        if english is None:
            english = looks_english(text)
        if not english:
            return
        new = f"{dash} " if space_before else f" {dash}"
        c.add(at, at + 1, new, rule="one_sided_dash", reason="dash spaced on one side only")


def _one_sided_dash_sites(text: str) -> list[tuple[int, str, bool]]:
    """Each dash (— or –) with a space on one side and a letter on the other, in order: its position,
    the dash, and whether the space is before it ("on Monday —was") or after it ("a draw– was")."""
    sites: list[tuple[int, str, bool]] = []
    for dash in "—–":
        if dash in text:
            sites += [(i, dash, True) for i in _finds(text, f" {dash}", 1) if _LETTER.match(text, i + 1)]
            sites += [(i, dash, False) for i in _finds(text, f"{dash} ") if i and _LETTER.match(text, i - 1)]
    sites.sort()
    return sites


def _glued_sentences(c: EditCollector) -> None:
    """A space after a sentence mark glued to the next sentence: "officials said.The mayor",
    "in 2019.Police said", "he asked?Then", "reported on Wednesday.”The".

    Left alone: the word before is not a plain word or number (``U.S.The``, ``v2.Beta``, ``www.Site``,
    ``e.g.The``), is a title or abbreviation (``Mr.Smith``, ``St.Louis``), is one letter (initials
    ``J.K.Rowling``) or is written in capitals (``ASP.Net``, ``IBM.Watson``); the word after is a top-level
    domain or file ending (``Amazon.Com``, ``Mixi.Media``); the glued pair occurs twice in the document
    (a name: ``Hill.Tv``); code (``System.Console``, ``this.Name``, a line with braces, ``=`` or ``()``;
    but ``this.The``, ``this.At``, a function word after "this", end a sentence);
    a straight quote after the mark (opening or closing, it cannot tell) or an
    ellipsis before it (``wait...What``).
    """
    text = c.text
    found: list[tuple[int, str]] = []  # where the space goes, and the glued pair
    is_code = LineTest(text, _CODE_LINE)
    for m in _each_mark(_GLUED_SENTENCE, text):
        at = m.start()
        close, opening = m.group("close"), m.group("open")
        if close == '"' or (close and opening):
            continue  # a straight quote opens or closes; "”“" glued on both sides
        begin = token_start(text, at)
        left = _SENTENCE_END_WORD.fullmatch(text, begin, at)
        if left is None:
            continue
        word = left.group(0).lstrip("([“‘\"'")
        last = re.split(r"[-'’]", word)[-1]
        if last.isalpha() and (len(last) < 2 or last.lower() in _ABBREVIATIONS or not last[1:].islower()):
            continue
        if m.group("word").lower() in _NOT_A_SENTENCE:
            continue
        if word in _CODE_RECEIVERS and not (word == "this" and m.group("word") in _SENTENCE_OPENERS):
            continue
        if is_code(at):
            continue
        found.append((m.start("open") if opening else m.start("word"), text[begin : m.end()]))
    _add_spaces(c, found, "missing_space_after_sentence", "sentence mark glued to the next sentence")


def _glued_commas(c: EditCollector) -> None:
    """A space after a comma glued to the conjunction or relative word after it: "bring people back,and
    cost", "the plan,which failed" (session 10: a letters page, tests/data/e2e3 09).

    Left alone: the word before is not a plain word ("1,and", "www.x.com/a,and", "f(x,and"), the line is
    code, or the glued pair occurs twice in the document (a name or a term, written so on purpose).
    """
    text = c.text
    found: list[tuple[int, str]] = []
    is_code = LineTest(text, _CODE_LINE)
    for m in _GLUED_COMMA.finditer(text):
        at = m.start()
        begin = token_start(text, at)
        if _COMMA_WORD.fullmatch(text, begin, at) is None or is_code(at):
            continue
        found.append((at + 1, text[begin : m.end()]))
    _add_spaces(c, found, "missing_space_after_comma", "comma glued to the next word")


def _straight_closers(text: str, start: int, end: int) -> set[int]:
    """The straight double quotes of one line that close a quote, by position: only on a line whose marks
    pair up, each opening mark after a space, the line start or an opening bracket and none after a digit
    (``24"x36"``, ``6'2"``, JSON ``{"a":1}`` leave the line alone)."""
    marks = list(_finds(text[start:end], '"'))
    if len(marks) % 2:
        return set()
    for k, i in enumerate(marks):
        before = text[start + i - 1] if start + i > 0 else " "
        if before.isdigit() or (k % 2 == 0 and not (before.isspace() or before in "([")):
            return set()
    return {start + i for i in marks[1::2]}


def _glued_after_quotes(c: EditCollector) -> None:
    """A space after a closing quote glued to the next word: "a disgrace”and he left", "“Is that it?”he
    asked", '"deeply flawed"and', "« non »et".

    A ” counts as closing only where the line's double quotes alternate “ ” (:func:`_curly_roles`; not
    ``65”TV``, an inch), a straight quote only on a line whose marks pair up after spaces
    (:func:`_straight_closers`), a » only after a « on its line (German writes »Nein«).  A ’ is left: it is
    also the apostrophe of "we’re", "dell’anno", "O’Brien".  Left alone too: a plural or possessive "s"
    (“no”s), code, and a glued pair that occurs twice in the document.
    """
    text = c.text
    found: list[tuple[int, str]] = []
    is_code = LineTest(text, _CODE_LINE)
    line = (-1, -1)
    roles: dict[int, int] = {}
    closers: set[int] = set()
    for m in _each_mark(_QUOTE_GLUED, text):
        at = m.start()
        mark = text[at]
        if mark != "»" and at > 0 and text[at - 1].isspace():
            continue  # a padded quote (padded_quotes moves the space outside), or a straight one opening
        if not line[0] <= at <= line[1]:
            line = line_around(text, at)
            roles, closers = {}, set()
            german = "»" in text[line[0] : line[1]] and _reversed_guillemets(text, *line)
            if "”" in text[line[0] : line[1]]:
                roles = _curly_roles(text, *line)
            if '"' in text[line[0] : line[1]]:
                closers = _straight_closers(text, *line)
        if mark == "”":
            closing = roles.get(at) == -1
        elif mark == '"':
            closing = at in closers
        else:  # a » after a « on a line of French or Swiss quotes (German and Danish ones open with »)
            before = max(text.rfind("«", line[0], at), text.rfind("»", line[0], at))
            closing = before >= 0 and text[before] == "«" and not german
        if not closing or is_code(at):
            continue
        found.append((m.start("word"), _glued_pair(text, at, m.end())))
    _add_spaces(c, found, "missing_space_after_quote", "closing quote glued to the next word")


def _glued_after_brackets(c: EditCollector) -> None:
    """A space after a closing bracket glued to the next word: "the plan (announced Monday)was", "[including
    two new members]voted", "WASHINGTON (AP)The Senate".

    The bracket opens after a space or at the line start (not "Ca(OH)2", "f(x)dx", "iPhone(s)"); what it
    holds is words with a space between them and no sign of arithmetic ("(x + 1)dx", "(a b)c": the word
    after is a letter), and the word after is not an ordinal ending ("(n + 1)th"); a single word in it only
    before a capitalised word ("(AP)The"; not "(s)he", "(un)likely", "(PRODUCT)RED").  Left alone too: code
    and a glued pair that occurs twice in the document.
    """
    text = c.text
    found: list[tuple[int, str]] = []
    is_code = LineTest(text, _CODE_LINE)
    for m in _each_mark(_BRACKET_GLUED, text):
        at, word = m.start(), m.group("word")
        opening = "(" if text[at] == ")" else "["
        begin = text.rfind(opening, max(0, at - 300), at)
        if begin < 0 or (begin > 0 and not text[begin - 1].isspace()) or word in _ORDINAL_ENDINGS:
            continue
        inner = text[begin + 1 : at]
        if "\n" in inner or text[at] in inner or inner != inner.strip() or _FORMULA.search(inner):
            continue
        if " " in inner:
            if sum(len(w) > 1 and any(ch.isalpha() for ch in w) for w in inner.split()) < 2:
                continue
        elif not (inner.isalpha() and word[0].isupper() and word.lower() not in _NOT_A_SENTENCE):
            continue
        if is_code(m.start()):
            continue
        found.append((m.start("word"), _glued_pair(text, begin, m.end())))
    _add_spaces(c, found, "missing_space_after_bracket", "closing bracket glued to the next word")


def _glued_after_abbreviations(c: EditCollector) -> None:
    """A space after an abbreviation's last dot glued to the next word: "Dr.Smith", "U.S.officials",
    "J.R.R.Tolkien", "p.m.Thursday", "e.g.the", "Lt.Col.Vindman" (one dot a pass).

    Only the titles before a name, two or more capital initials and the dotted abbreviations of prose
    (:data:`_ABBREVIATION_BEFORE`): not "No.1", "Fig.3", "K.Mbappe", "E.ON", "Ph.D.s", "U.S.-led",
    "U.S.’s", "Inc.'s".  Left alone too: a top-level domain or file ending after it ("St.Com"), code, and a
    glued pair that occurs twice in the document (a name written so: "Dr.Web").
    """
    text = c.text
    found: list[tuple[int, str]] = []
    is_code = LineTest(text, _CODE_LINE)
    for m in _matches_at(_DOT_GLUED, text, "."):
        at = m.start()
        begin = token_start(text, at, 40)
        if begin > 0 and not text[begin - 1].isspace():
            continue
        before = _ABBREVIATION_BEFORE.fullmatch(text, begin, at)
        if before is None or (before.group("title") and not m.group("word")[0].isupper()):
            continue
        if m.group("word").lower() in _NOT_A_SENTENCE or is_code(at):
            continue
        found.append((m.start("word"), text[begin : m.end()]))
    _add_spaces(c, found, "missing_space_after_abbreviation", "abbreviation glued to the next word")


def _glued_pair(text: str, at: int, end: int) -> str:
    """The glued text from the start of the word before ``at`` (at most 60 characters back) to ``end``."""
    return text[token_start(text, at, 60) : end]


def token_start(text: str, at: int, limit: int | None = None) -> int:
    """Where the run of characters other than white space that ends at ``at`` starts, looking back at
    most ``limit`` characters (all the way when None)."""
    floor = 0 if limit is None else max(0, at - limit)
    begin = at
    while begin > floor and not text[begin - 1].isspace():
        begin -= 1
    return begin


def _add_spaces(c: EditCollector, found: list[tuple[int, str]], rule: str, reason: str) -> None:
    """A space at each place found, unless its glued pair occurs twice in the document (a name, a term)."""
    counts = _counts(c.text, {glued for _, glued in found})
    for where, glued in found:
        if counts[glued] < 2:
            c.add(where, where, " ", rule=rule, reason=reason)


def _counts(text: str, needles: set[str]) -> dict[str, int]:
    """How often each of ``needles`` occurs in ``text``: ``str.count`` for a few; one Aho-Corasick pass for
    many (a count each read the whole text, and a line of thousands of glued sentences took seconds)."""
    if len(needles) <= 8:
        return {needle: text.count(needle) for needle in needles}
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for needle in needles:
        automaton.add_word(needle, needle)
    automaton.make_automaton()
    counts = dict.fromkeys(needles, 0)
    for _, needle in automaton.iter(text):
        counts[needle] += 1
    return counts


def _start(m: re.Match[str]) -> int:
    return m.start()


#: Marks common enough in text (about one character in 140) that the regex engine's own scan for them, and
#: a match tried in C at each, costs less than finding each with ``str.find`` and matching it from Python.
_FREQUENT_MARKS = ","
# A dot before a letter, a quote or a bracket: where the patterns that start with a dot (_GLUED_SENTENCE's,
# _DOT_GLUED) can match, one dot in eight; found once for both (:func:`_dots_before_words`).
_DOT_BEFORE_WORD = re.compile(r"\.(?=[a-zß-öø-ÿA-ZÀ-ÖØ-Þ”’)\]\"“‘])")
# The last text's dots of _DOT_BEFORE_WORD, as (text, positions).
_LAST_DOTS: tuple[str, list[int]] = ("", [])


def _matches_at(pattern: re.Pattern[str], text: str, mark: str) -> Iterator[re.Match[str]]:
    """The matches of ``pattern``, which starts with ``mark`` and holds no other, in order: those of
    ``pattern.finditer(text)``.  A rarer mark (? ! ” " » ) ]) is found with ``str.find`` (memchr) and the
    pattern matched at each (the engine's scan for a literal first character reads every character at a
    fraction of memchr's speed: session 11)."""
    if mark in _FREQUENT_MARKS:
        return pattern.finditer(text)
    match = pattern.match
    at = _dots_before_words(text) if mark == "." else _finds(text, mark)
    return (m for i in at if (m := match(text, i)) is not None)


def _dots_before_words(text: str) -> list[int]:
    """The dots of ``text`` before a letter, a quote or a bracket (:data:`_DOT_BEFORE_WORD`), found once
    for the two rules that look at them: a pattern that starts with a dot matches only at one of these
    when it needs one of those characters after the dot (tests/test_typography.py checks the two)."""
    global _LAST_DOTS
    last = _LAST_DOTS
    if last[0] is not text:
        last = _LAST_DOTS = (text, [m.start() for m in _DOT_BEFORE_WORD.finditer(text)])
    return last[1]


def _each_mark(patterns: dict[str, re.Pattern[str]], text: str) -> Iterator[re.Match[str]]:
    """The matches of ``patterns`` (by mark, each starting with its mark) in text order."""
    return heapq.merge(*(_matches_at(p, text, mark) for mark, p in patterns.items() if mark in text), key=_start)


def _search_at(pattern: re.Pattern[str], text: str, mark: str, pos: int) -> re.Match[str] | None:
    """``pattern.search(text, pos)`` for a pattern that starts with ``mark``: matched at each ``mark``
    from ``pos`` on, found with ``str.find``."""
    i = text.find(mark, pos)
    while i >= 0:
        if (m := pattern.match(text, i)) is not None:
            return m
        i = text.find(mark, i + 1)
    return None


def _lays_out_columns(text: str, start: int, end: int, lines: dict[int, bool] | None = None) -> bool:
    """Whether the run of spaces ``text[start:end]`` lines up a table: it is in a Markdown table row
    ("| Arsenal   |  74 |"); or the line above or below has two spaces or tabs in a row in the same
    columns (a plain-text table: "Arsenal    74" over "Liverpool  71"); or it is all tabs and the line
    above or below has a tab between words too (tab-separated columns, where "\t\t" is an empty cell).
    Scraped prose rarely has such runs on two adjacent lines; a table loses its layout when they become
    one space.  ``lines`` keeps what was found of each line (by its start) across the runs of a text: a
    line of thousands of runs is read once, not once a run."""
    lines = {} if lines is None else lines
    line_start, line_end = line_around(text, start)
    if line_start not in lines:
        lines[line_start] = _markdown_row(text, line_start, line_end)
    if lines[line_start]:
        return True
    first, last = start - line_start, end - line_start
    tabs = not text[start:end].strip("\t")
    for begin, stop in _neighbour_lines(text, line_start, line_end):
        if begin + last <= stop and _two_spaces(text[begin + first : begin + last]):
            return True
        if tabs:
            if ~begin not in lines:  # (a tab between words on the line: kept under the line's start, negated)
                lines[~begin] = _tab_between_words(text, begin, stop)
            if lines[~begin]:
                return True
    return False


def _trailing_spaces(text: str) -> list[tuple[int, int]]:
    """The spans of :data:`_TRAILING`'s matches, in order: the whole run of spaces, tabs and no-break spaces
    before each line break (and "\r" before it) and at the end, found from the line breaks."""
    ends = [m.start() - (text[m.start() - 1] == "\r") for m in _BREAK_AFTER_SPACE.finditer(text)]
    if text.endswith((" ", "\t", "\u00a0")):
        ends.append(len(text))
    spans = []
    for end in ends:
        line = text.rfind("\n", 0, end) + 1
        spans.append((line + len(text[line:end].rstrip(" \t\u00a0")), end))
    return spans


def _blanks_before(text: str, at: int) -> int:
    """Where the run of spaces and tabs that ends before ``text[at]`` starts (``at`` where there is none)."""
    begin = at
    while begin > 0 and text[begin - 1] in " \t":
        begin -= 1
    return begin


def _spaces_before_commas(text: str) -> list[tuple[int, int]]:
    """The spans of :data:`_SPACE_BEFORE_COMMA`'s matches, in order, found from their commas: the whole run
    of spaces and tabs before the comma, after a character of :data:`_BEFORE_COMMA_SPACE`."""
    spans = []
    for m in _COMMA_AFTER_SPACE.finditer(text):
        end = m.start()
        begin = _blanks_before(text, end)
        if begin > 0 and _BEFORE_COMMA_SPACE.match(text, begin - 1):
            spans.append((begin, end))
    return spans


# A comma that groups the thousands of a number: three digits after it, no digit after those ("1 ,200",
# "$3 ,500 ,000": a space a scraper put before it; session 12).
_THOUSANDS = re.compile(r",[0-9]{3}(?![0-9])")


def _spaces_in_numbers(text: str) -> list[tuple[int, int]]:
    """The runs of spaces (and tabs) between a digit and a comma that groups thousands: "1 ,200" -> "1,200".
    Found from each " ," (which :data:`_SPACE_THEN_SIGN` gates); a comma followed by a space or a closing
    mark is :func:`_spaces_before_commas`'s."""
    spans = []
    for comma in _finds(text, " ,", 1):
        if not _THOUSANDS.match(text, comma):
            continue
        begin = _blanks_before(text, comma)
        if begin > 0 and "0" <= text[begin - 1] <= "9":
            spans.append((begin, comma))
    return spans


#: French and Italian words that elide their vowel before the next word, the apostrophe glued to both
#: ("l’Assemblée", "d’une", "qu’il", "dell’anno"): a space after their apostrophe is a scraper's (session 12).
#: Capitalised only where a sentence or a quote opens ("vitamin D’ said" may close a quote); not "po’" ("un
#: po’ di", the apostrophe ends it), not "o’" ("will o’ the wisp").
_ELIDING = frozenset(
    "l d j m n s t c qu jusqu lorsqu puisqu quoiqu presqu un dell all nell sull dall quell quest nessun".split()
)


def _elision_pattern(mark: str) -> re.Pattern[str]:
    """The apostrophe ``mark`` after a word of :data:`_ELIDING` (lower case or capitalised) that stands at the
    line start or after a space, an opening bracket or quote, then spaces and a letter.  It starts with the
    mark and looks back past it, one look-behind per word length (the engine skips to each mark)."""
    by_length: dict[int, list[str]] = {}
    for word in sorted(_ELIDING):
        by_length.setdefault(len(word), []).extend((word, word.capitalize()))
    behind = "|".join(rf"(?<=(?<![^\s(«„“\"])(?:{'|'.join(words)}){mark})" for _, words in sorted(by_length.items()))
    return re.compile(rf"{mark}(?:{behind}) +(?=[^\W\d_])")


_ELISION = {mark: _elision_pattern(mark) for mark in "’'"}
# What French and Italian text holds in almost every sentence ("été", "è"): the gate of the rule.
_FRENCH_ITALIAN_ACCENTS = "éè"


def _padded_elisions(c: EditCollector) -> None:
    """A space after the apostrophe of a French or Italian elision, before a letter: ``l’ Assemblée``,
    ``d’ une``, ``qu’ il`` become ``l’Assemblée``, ``d’une``, ``qu’il``.  The elided word stands after a space,
    an opening bracket or quote, or at the line start (not "rock ’n’ roll", "the ‘l’ key"); a ’ that closes a
    ‘ on its line (``‘press s’ now``) and a straight ' on a line where one opens a quote are left."""
    text = c.text
    lines: dict[int, dict[int, int]] = {}
    # One scan of the text, for ’, or for ' in a text with no ’, and only in a text with the accents French and
    # Italian write in almost every sentence (a scan of every text cost 4 % of the stage's time).
    mark = "’" if "’" in text else "'"
    if any(accent in text for accent in _FRENCH_ITALIAN_ACCENTS):
        for m in _ELISION[mark].finditer(text):
            at = m.start()
            begin = at
            while begin > 0 and text[begin - 1].isalpha():
                begin -= 1
            opens = begin == 0 or text[begin - 1] != " " or text[begin - 2 : begin - 1] in '.!?«„“"('
            if not (text[begin:at].islower() or opens):
                continue  # a capital only where a sentence or a quote opens: "L’ Italia", not "vitamin D’ daily"
            start, end = line_around(text, at)
            if mark == "’" and "‘" in text[start:end]:
                if start not in lines:
                    lines[start] = _curly_roles(text, start, end)
                if lines[start].get(at) == -1:
                    continue
            if mark == "'" and any(text[i - 1 : i] in ("", " ", "(") for i in _finds(text[start:at], "'", start)):
                continue
            c.add(at + 1, m.end(), "", rule="padded_elision", reason="space after the apostrophe of an elision")


def _joiners(c: EditCollector) -> None:
    """Zero-width joiners and non-joiners between two letters of Latin, Greek or Cyrillic script
    ("Wash\u200dington", "e\u200cmail"), left by a page's markup or put there to mark a copy; not next to
    any other character (emoji sequences, Arabic, Persian, Indic letters)."""
    text = c.text
    both = "\u200c" in text and "\u200d" in text
    for m in (_JOINERS if both else _JOINER_RUN["\u200c" if "\u200c" in text else "\u200d"]).finditer(text):
        start, end = m.start(), m.end()
        if start and end < len(text) and _alphabetic(text[start - 1]) and _alphabetic(text[end]):
            c.add(start, end, "", rule="invisible_character", reason="zero-width joiner inside a word")


# Letters of the scripts written right to left (Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic and
# their presentation forms; historic scripts of the SMP): a line with none has no use for direction marks.
_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]")


def _direction_marks(c: EditCollector) -> None:
    """Left-to-right and right-to-left marks (U+200E, U+200F) on a line with no right-to-left letter
    ("Minis\u200eter", "the\u200f government", copied from a page that mixes directions): they order
    nothing there and split the word for search.  On a line with Hebrew or Arabic they stay."""
    text = c.text
    lines: dict[int, bool] = {}
    for mark in "\u200e\u200f":
        for at in _finds(text, mark):
            start, end = line_around(text, at)
            if start not in lines:
                lines[start] = _RIGHT_TO_LEFT.search(text, start, end) is not None
            if not lines[start]:
                c.add(at, at + 1, "", rule="invisible_character", reason="direction mark on a left-to-right line")


def _alphabetic(ch: str) -> bool:
    """Whether ``ch`` is a letter of Latin, Greek or Cyrillic script (or IPA), which joiners do not shape."""
    return ch.isalpha() and (ch < "\u0530" or "\u1e00" <= ch < "\u2000")


def _no_break_runs(c: EditCollector) -> None:
    """A run of two or more spaces, tabs and no-break spaces holding a no-break space, between two words,
    becomes one space ("The end\u00a0\u00a0\u00a0Next", what "&nbsp;&nbsp;&nbsp;" or "Â Â Â " leaves); one no-break
    space alone is :data:`_NBSP`'s.  French typography stays: not after « nor before : ; ! ? », nor where the
    run lines up a table (:func:`_lays_out_columns`)."""
    text = c.text
    lines: dict[int, bool] = {}  # what _lays_out_columns found of each line, kept across the runs
    for m in _NBSP_RUN.finditer(text):
        start, end = _blanks_before(text, m.start()), m.end()
        if end - start < 2 or start == 0 or end == len(text):
            continue
        before, after = text[start - 1], text[end]
        if before.isspace() or after.isspace() or before == "«" or after in ":;!?»":
            continue
        if not _lays_out_columns(text, start, end, lines):
            c.add(start, end, " ", rule="no_break_space", reason="run of no-break spaces between words")


def _tabs_in_prose(c: EditCollector) -> None:
    """A tab between two words of prose, left by the layout of an HTML source ("The minister\tsaid",
    "ended.\tThe next"), becomes a space: only where the sentence goes on across it (a lower-case letter,
    "," or ";" before it, a lower-case letter after it) or a new one starts (a sentence mark after a
    letter, digit or closing mark, then a capital).  Not in a table (a line above or below with a tab
    between words, or a Markdown row, as in :func:`_lays_out_columns`), nor in code; cells such as
    "Arsenal\t2" or "Date:\t12 May" have neither shape."""
    text = c.text
    is_code = LineTest(text, _CODE_SIGNS)
    line_end, table = -1, False
    for m in _TAB.finditer(text):
        at = m.start()
        before, after = text[at - 1], text[at + 1]
        if after.islower():
            if not (before.islower() or before in ",;"):
                continue
        elif not (after.isupper() and before in ".!?" and at > 1):
            continue
        elif not (text[at - 2].isalnum() or text[at - 2] in _CLOSING):
            continue
        if at > line_end:  # one look at each line and its neighbours
            start, line_end = line_around(text, at)
            table = _tab_table_line(text, start, line_end)
        if not table and not is_code(at):
            c.add(at, at + 1, " ", rule="tab_between_words", reason="tab between words of prose")


def _tab_table_line(text: str, start: int, end: int) -> bool:
    """Whether the line ``text[start:end]`` is a row of a table laid out with tabs or pipes: a Markdown
    row, or a line above or below with a tab between words."""
    return _markdown_row(text, start, end) or any(
        _tab_between_words(text, *line) for line in _neighbour_lines(text, start, end)
    )


def _markdown_row(text: str, start: int, end: int) -> bool:
    """Whether the line ``text[start:end]`` is a Markdown table row: "| Arsenal | 74 |"."""
    line = text[start:end].strip()
    return len(line) > 1 and line[0] == "|" and line[-1] == "|"


def _tab_between_words(text: str, start: int, end: int) -> bool:
    return "\t" in text[start:end].strip()


def _neighbour_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the lines above and below the line ``text[start:end]`` (none at the text's ends)."""
    out = []
    if start > 0:
        out.append(line_around(text, start - 1))
    if end < len(text):
        out.append(line_around(text, end + 1))
    return out


def _two_spaces(span: str) -> bool:
    if "\u00a0" in span:
        span = span.replace("\u00a0", " ")
    return "  " in span or ("\t" in span and any(pair in span for pair in ("\t\t", " \t", "\t ")))


def _has_trailing_space(text: str, space_newline: bool | None = None) -> bool:
    """A space, tab or no-break space before a line break (" \r\n" holds " \r", so "\r" covers it).

    A two-character search costs several times a one-character one, so a pair is looked for only when
    its rarer character is in the text: the same answer.  ``space_newline`` is whether " \n" is in the
    text, when the caller knows.
    """
    if " \n" in text if space_newline is None else space_newline:
        return True
    if "\t" in text and "\t\n" in text:
        return True
    if "\u00a0" in text and "\u00a0\n" in text:
        return True
    return "\r" in text and (" \r" in text or "\t\r" in text or "\u00a0\r" in text)


def _may_pad_brackets(text: str, opening: str = "(", closing: str = ")") -> bool:
    """Whether the text holds a bracket padded inside ("( ", " )", "(\t" or "\t)"), which
    :func:`_brackets` needs to act.

    Brackets are few, so looking at the character after each "(" and before each ")" (found with the
    one-character ``str.find``) is faster than searching the text for each two-character sign.
    """
    if opening not in text or closing not in text:
        return False  # the pattern needs both
    return any(text[i + 1 : i + 2] in (" ", "\t") for i in _finds(text, opening)) or any(
        i > 0 and text[i - 1] in " \t" for i in _finds(text, closing)
    )


def looks_english(text: str) -> bool:
    """Whether a text reads as English rather than French, by common function words in its first 20,000
    characters: English ones at least one, and more than twice the French ones.

    >>> looks_english("It costs $5 , not $6 ; really !"), looks_english("Pourquoi ? Parce que oui !")
    (True, False)
    """
    words = Counter(text[:20_000].lower().split())
    english = sum(words[w] for w in _ENGLISH_WORDS)
    return english > 0 and english > 2 * sum(words[w] for w in _FRENCH_WORDS)


def _finds(text: str, sign: str, offset: int = 0) -> Iterator[int]:
    """Each position of ``sign`` in ``text`` (plus ``offset``), found with ``str.find``."""
    i = text.find(sign)
    while i >= 0:
        yield i + offset
        i = text.find(sign, i + 1)


def _spaces_before(text: str, at: int) -> int:
    """Where the run of spaces that ends before ``text[at]`` starts, if a letter, digit or closing mark
    stands before it (else -1)."""
    begin = at - 1
    while begin > 0 and text[begin - 1] == " ":
        begin -= 1
    if begin == 0:
        return -1
    before = text[begin - 1]
    return begin if before.isalnum() or before in _CLOSING else -1


def _space_before_period(c: EditCollector, dots: list[int]) -> None:
    text = c.text
    is_code = LineTest(text, _CODE_SIGNS)
    for at in dots:
        begin = _spaces_before(text, at)
        if begin >= 0 and _PERIOD_END.match(text, at) and not is_code(at):
            c.add(begin, at, "", rule="space_before_period", reason="space before a full stop")


def _space_before_possessive(c: EditCollector, marks: list[int]) -> None:
    """A space before a possessive 's after a word or a closing bracket in English text: ``NPR ’s Feng``
    (a link's text, then the rest of the word), ``the BBC (World Service) ’s budget``.  Not in other
    languages: Dutch writes ``'s avonds``, ``'s-Hertogenbosch``."""
    text = c.text
    english: bool | None = None
    for at in marks:
        begin = _spaces_before(text, at)
        after = text[at + 2 : at + 3]
        if (
            begin < 0
            or not (text[begin - 1].isalnum() or text[begin - 1] in ")]")
            or not (after == "" or after.isspace() or after in '.,;:!?)”"')
        ):
            continue
        if english is None:
            english = looks_english(text)
        if not english:
            return
        c.add(begin, at, "", rule="space_before_possessive", reason="space before a possessive 's")


def _displaced_spaces(c: EditCollector, marks: list[int]) -> None:
    """A space before , . ! ? that belongs after it: ``he said .“They``, ``of this .The``, ``the deal ,which``
    become ``he said. “They``, ``of this. The``, ``the deal, which``.  Only in English documents (French
    puts a space before ! and ?), after a word, a number or a closing mark, and not on a line of code
    (``obj .Name = 1``) or before a domain or file ending (``example .Com``)."""
    text = c.text
    english: bool | None = None
    is_code = LineTest(text, _CODE_LINE)
    for at in marks:
        begin = _spaces_before(text, at)
        if begin < 0:
            continue
        mark = text[at]
        m = (_DISPLACED_AFTER_COMMA if mark == "," else _DISPLACED_AFTER_STOP).match(text, at + 1)
        if m is None or (m.lastgroup == "word" and m.group("word").lower() in _NOT_A_SENTENCE):
            continue
        if is_code(at):
            continue
        if english is None:
            english = looks_english(text)
        if not english:
            return
        c.add(begin, at + 1, f"{mark} ", rule="displaced_space", reason=f"space before '{mark}' instead of after it")


def _space_before_marks(c: EditCollector, marks: list[int]) -> None:
    """A space before ; : ! ? in English text: French typography wants it there (``Pourquoi ?``), so the
    rule needs a document that reads as English and holds no «; a line with » (a French quote, or a
    breadcrumb) is left too."""
    text = c.text
    english: bool | None = None
    is_code = LineTest(text, _CODE_SIGNS)
    french_quote = LineTest(text, _GUILLEMET)
    for at in marks:
        begin = _spaces_before(text, at)
        if begin < 0 or not _MARK_END.match(text, at) or is_code(at):
            continue
        mark = text[at]
        nxt = text[at + 1 : at + 3].lstrip(" \t")[:1]
        if mark in ";:" and nxt in (")", "(", "]"):
            continue  # an emoticon ": )" or ";)"
        if mark == ":" and ((nxt.isdigit() and text[begin - 1].isdigit()) or not text[begin - 2 : begin].isalnum()):
            continue  # a ratio or time "3 : 1", a label "Q : What", "A : Yes"
        if french_quote(at):
            continue
        if english is None:
            english = "«" not in text and looks_english(text)
        if not english:
            return
        c.add(begin, at, "", rule="space_before_punctuation", reason=f"space before '{mark}'")


# Session 13 (tests/data/typography_fresh6.json).


# An opening ¿ or ¡ where a Spanish clause starts: after a space, the line start, an opening bracket or quote or
# a dash, not glued to a letter or sign ("Ã¡", "ï¿½" are mojibake of "á" and U+FFFD, where "¡" and "¿" are bytes
# A1 and BF).  Each pattern starts with its mark and looks back past it (the engine skips to each mark).
_INVERTED_OPENING = {mark: re.compile(f"{mark}(?<![^\\s(\\[“‘«\"'—–-]{mark})") for mark in "¿¡"}


def _padded_inverted_marks(c: EditCollector) -> None:
    """Spanish ``¿ … ?`` and ``¡ … !`` padded inside: ``¿ Qué pasa ?``, ``¡ Viva Sevilla !``, ``¡Qué gol !``
    become ``¿Qué pasa?``, ``¡Viva Sevilla!``, ``¡Qué gol!``.  Spanish sets no space after ¿ ¡ nor before the
    ? ! that close them, and only Spanish (and Galician, Asturian) writes ¿ ¡, so no language test is needed:
    the closing mark is the first ? or ! after its opening one on its line, with no other opening between; an
    opening mark that closes nothing on its line is left as it is (a mark named in prose: "said ¿ was a typo")."""
    text = c.text
    for opening, closing in (("¿", "?"), ("¡", "!")):
        if opening not in text:
            continue
        end = -1
        for m in _INVERTED_OPENING[opening].finditer(text):
            at = m.start()
            if at > end:
                end = line_around(text, at)[1]
            close = text.find(closing, at + 1, end)
            if close < 0 or text.find(opening, at + 1, close) >= 0:
                continue  # no question or exclamation it opens: a mark named in prose ("said ¿ was a typo")
            stop, begin = _padding_inside(text, at, close, " \t\u00a0")
            if stop == close or text[stop] in "¿¡?!":
                continue
            if stop > at + 1:
                c.add(at + 1, stop, "", rule="padded_inverted_mark", reason=f"space after an opening {opening}")
            if begin < close:
                c.add(
                    begin,
                    close,
                    "",
                    rule="padded_inverted_mark",
                    reason=f"space before the {closing} closing {opening}",
                )


def _number_before(text: str, at: int) -> str:
    """The run of digits that ends before ``text[at]``, if it stands alone (no digit, dot, comma or colon
    glued before it), else ""."""
    begin = at
    while begin > 0 and "0" <= text[begin - 1] <= "9":
        begin -= 1
    if begin == at or (begin > 0 and text[begin - 1] in ".,:"):
        return ""
    return text[begin:at]


def _spaced_times(c: EditCollector, colons: list[int]) -> None:
    """A time whose colon is spaced in English text: ``10 : 30``, ``9 :45 am``, ``14 : 00`` become ``10:30``,
    ``9:45 am``, ``14:00``.  An hour of one or two digits up to 24 and two digits up to 59 after; not before a
    group of digits (a map's scale ``1 : 25 000``), not with one digit after (a score ``2 : 0``), and not in
    French or German text (``looks_english``), which may space them.  Not ``7: 45 pm`` either: a colon glued to
    the hour is a label's as often ("Question 2: 15 votes"), and a scan for the am or pm after it cost 1 % of
    the stage's time."""
    text = c.text
    is_code = LineTest(text, _CODE_SIGNS)
    english: bool | None = None  # asked only of a time's shape: reading the text for it costs more than the rest
    for at in colons:
        begin = _blanks_before(text, at)
        hour = _number_before(text, begin)
        stop = at + 1
        while stop < len(text) and text[stop] in " \t":
            stop += 1
        if not hour or len(hour) > 2 or int(hour) > 24 or (begin == at and stop == at + 1):
            continue
        minutes = text[stop : stop + 2]
        after = text[stop + 2 : stop + 4]
        if (
            not (len(minutes) == 2 and minutes.isdigit() and minutes.isascii() and int(minutes) < 60)
            or after[:1].isdigit()
            or after[:1] == ":"
        ):
            continue
        if after[:1] in (" ", "\u00a0") and after[1:2].isdigit():
            continue  # "1 : 25 000"
        if is_code(at):
            continue
        if english is None:
            english = "«" not in text and looks_english(text)
        if not english:
            return
        c.add(begin, stop, ":", rule="spaced_time_colon", reason="spaces around the colon of a time")


# What follows the decimals of a number whose point or comma was spaced, that makes it a number: a per cent
# or per mille sign or word, a unit or a magnitude, a hyphen and a unit ("2 .5-metre").  Not ".22 rifles",
# ".45 calibre": a calibre after a count ("2 .22 rifles") names no unit here.
_DECIMAL_CONTEXT = re.compile(
    r"(?:[ \u00a0]?[%‰]|-[^\W\d_]|[ \u00a0](?:per ?cent|percent|points?|pts|pc|million|billion|trillion|bn|m|km|kg"
    r"|g|cm|mm|metres?|meters?|miles?|mph|km/h|degrees?|°|times|hours?|seconds?|minutes?|litres?|liters?|tonnes?|tons?"
    r"|ft|feet|inches|lbs?|years?|[GMk]Wh?|TWh|Prozent|procent|por ciento|pour cent|per cento|prosent|Millionen"
    r"|Milliarden|Mio|Mrd|millions?|milliards?|millones|miljoen|miljard)\b)"
)


def _spaced_decimals(c: EditCollector, marks: list[int]) -> None:
    """A decimal point or comma with a space before it (and maybe after it): ``a 0 .5 per cent rise``, ``4 .25%``,
    ``2 .5-metre``, ``3 ,5 Prozent``, ``3 . 4 points`` become ``0.5``, ``4.25%``, ``2.5-metre``, ``3,5``,
    ``3.4``.  Only where the number is plainly one: its whole part 0, or a unit, a per cent sign or a magnitude
    after its decimals (:data:`_DECIMAL_CONTEXT`): ``2 .22 rifles``, ``.45 calibre``, ``batting .312`` stay."""
    text = c.text
    is_code = LineTest(text, _CODE_SIGNS)
    for at in marks:
        begin = _blanks_before(text, at)
        whole = _number_before(text, begin)
        stop = at + 1
        if text[stop : stop + 1] == " ":
            stop += 1
        digits = stop
        while digits < len(text) and "0" <= text[digits] <= "9":
            digits += 1
        if not whole or begin == at or digits == stop or digits - stop > 3:
            continue
        if text[at] == "," and digits - stop == 3:
            continue  # "1 ,200": a thousands comma, space_before_comma's
        if not (whole == "0" or _DECIMAL_CONTEXT.match(text, digits)) or is_code(at):
            continue
        c.add(begin, stop, text[at], rule="space_in_decimal", reason="space inside a decimal number")


# Letters of the scripts that set « » without spaces inside (Russian, Ukrainian, Belarusian, Greek), and Latin
# letters, counted on a line (:func:`_padded_guillemets`).
_CYRILLIC_GREEK = re.compile("[\u0370-\u03ff\u0400-\u04ff]")
_LATIN_LETTER = re.compile("[A-Za-zÀ-ÖØ-öø-ÿ]")


def _padded_guillemets(c: EditCollector) -> None:
    """« » padded inside on a line written in Cyrillic or Greek: ``назвал это « провокацией »`` ->
    ``«провокацией»``.  Russian, Ukrainian and Greek set no space inside « » (French does: its lines, in Latin
    letters, are left); each « pairs with the first » after it on its line."""
    text = c.text
    end = -1
    cyrillic = False
    for at in _finds(text, "«"):
        first = at + 1
        while text[first : first + 1] in (" ", "\u00a0", "\u202f"):
            first += 1
        if _LATIN_LETTER.match(text, first):
            continue  # a Latin word inside: French "« oui »" (its line is not counted)
        if at > end:
            start, end = line_around(text, at)
            cyrillic = len(_CYRILLIC_GREEK.findall(text, start, end)) > len(_LATIN_LETTER.findall(text, start, end))
        if not cyrillic:
            continue
        close = text.find("»", at + 1, end)
        if close < 0 or text.find("«", at + 1, close) >= 0:
            continue
        stop, begin = _padding_inside(text, at, close, " \u00a0\u202f")
        if stop != close:
            _unpad(c, at, stop, begin, close, "padded_guillemets", "space inside « » in Cyrillic or Greek text")


def apply(text: str, options: Options) -> StageOutput:
    """Run the rules to a fixpoint: one repair can expose another (a padded bracket hiding a run of spaces)."""
    return to_fixpoint(lambda t: _once(t, options), text)


def _once(text: str, options: Options) -> StageOutput:
    """Run the enabled rules in one collection pass; overlapping matches keep the earliest."""
    c = EditCollector(NAME, text, options.disabled)
    on = lambda name, flag: flag and name not in options.disabled  # noqa: E731
    # The gates are exact: each is false only where its rule cannot match.  _MISPLACED_OPENER finds its
    # own quote marks fast (it starts with one), so its gate is the quote mark alone.
    quotes = on("quotes", options.quotes)
    spaces = on("spaces", options.spaces)
    # The signs after a space ("." or ". ", "’s"): the gates of the rules for spaces and quotes.
    found = set(_SPACE_THEN_SIGN.findall(text)) if spaces or quotes else set()
    signs = {s[0] for s in found}
    if quotes:
        if "”" in text:
            _quotes(c)
        # A closing mark counts only after an opening one on its line: no “ or ‘, no padded quote.
        if ("“" in text and ("”" in signs or "“ " in text)) or ("‘" in text and ("’" in signs or "‘ " in text)):
            _padded_curly(c)
        if '" ' in found or "' " in found:  # an opening straight quote after a space, padded
            _padded_straight(c)
        _padded_elisions(c)
        if "„" in text or "‚" in text or ("»" in text and "«" in text):  # single-character scans (memchr)
            _padded_low_quotes(c)
    if on("brackets", options.brackets):
        if _may_pad_brackets(text):
            _brackets(c, _PADDED_PARENS, "padded_brackets")
        if _may_pad_brackets(text, "[", "]"):
            _brackets(c, _PADDED_SQUARE, "padded_square_brackets")
    if on("hyphens", options.hyphens) and _NB_HYPHEN in text:
        for m in re.finditer(_NB_HYPHEN, text):
            c.add(m.start(), m.end(), "-", rule="non_breaking_hyphen", reason="non-breaking hyphen breaks search")
    if on("invisible", options.invisible) and any(ch in text for ch in INVISIBLE_CHARS):
        for m in _each_mark(_INVISIBLE_EACH, text):
            c.add(m.start(), m.end(), "", rule="invisible_character", reason="soft hyphen / zero-width space")
    if on("invisible", options.invisible) and ("\u200d" in text or "\u200c" in text):
        _joiners(c)
    if on("invisible", options.invisible) and ("\u200e" in text or "\u200f" in text):
        _direction_marks(c)
    if on("no_break_spaces", options.no_break_spaces):
        if "\u00a0" in text:
            for m in _NBSP.finditer(text):
                c.add(m.start(), m.end(), " ", rule="no_break_space", reason="no-break space between words")
            _no_break_runs(c)
        if "\u202f" in text:
            for m in _NNBSP_BETWEEN_LETTERS.finditer(text):
                if _alphabetic(text[m.start() - 1]) and _alphabetic(text[m.end()]):
                    reason = "narrow no-break space between words"
                    c.add(m.start(), m.end(), " ", rule="no_break_space", reason=reason)
        if "\u2009" in text:
            for m in _THIN_SPACE_BETWEEN_LETTERS.finditer(text):
                if _alphabetic(text[m.start() - 1]) and _alphabetic(text[m.end()]):
                    c.add(m.start(), m.end(), " ", rule="thin_space", reason="thin space between words")
        if "\u00a0" in text or "\u202f" in text or "\u2007" in text:
            for m in _LEADING_NBSP.finditer(text):
                c.add(m.start(), m.end(), "", rule="leading_no_break_space", reason="no-break space opening a line")
    if spaces and not text.isascii():
        if any(ch in text for ch in _FULL_WIDTH_CHARS):  # a substring test a sign: no regex scan of each text
            _full_width_in_latin(c)
        if ("—" in text or "–" in text) and (" — " in text or " – " in text):
            _one_sided_dashes(c)
    if spaces:
        # Each pattern runs only where a cheap substring test says it can match.
        if "\t" in text or " " in signs:
            lines: dict[int, bool] = {}
            for m in (_SPACE_RUN if "\t" in text else _SPACE_RUN_NO_TAB).finditer(text):
                if not _lays_out_columns(text, m.start(), m.end(), lines):
                    c.add(m.start(), m.end(), " ", rule="space_run", reason="run of spaces")
        if "\t" in text and "tab_between_words" not in options.disabled:
            _tabs_in_prose(c)
        if text.endswith((" ", "\t", "\u00a0")) or _has_trailing_space(text, "\n" in signs):
            for start, end in _trailing_spaces(text):
                c.add(start, end, "", rule="trailing_space", reason="space at a line end")
        if "," in signs or ("\t" in text and "\t," in text):
            is_code = LineTest(text, _CODE_SIGNS)
            for start, end in _spaces_before_commas(text):
                if is_code(start):
                    continue
                c.add(start, end, "", rule="space_before_comma", reason="space before a comma")
            for start, end in _spaces_in_numbers(text):
                if not is_code(start):
                    c.add(start, end, "", rule="space_before_comma", reason="space inside a number")
        if "." in signs:
            _space_before_period(c, list(_finds(text, " .", 1)))
        if not signs.isdisjoint(".,!?"):
            _displaced_spaces(c, sorted(i for mark in signs & set(".,!?") for i in _finds(text, f" {mark}", 1)))
        if not signs.isdisjoint(";:!?"):
            _space_before_marks(c, sorted(i for mark in signs & set(";:!?") for i in _finds(text, f" {mark}", 1)))
        if "’s" in found or "'s" in found:
            _space_before_possessive(c, sorted(i for s in found & {"’s", "'s"} for i in _finds(text, f" {s}", 1)))
        # session 13: Spanish ¿ ¡ padded, times and decimals spaced, « » padded in Cyrillic or Greek
        if "¿" in text or "¡" in text:
            _padded_inverted_marks(c)
        if ":" in signs:
            _spaced_times(c, list(_finds(text, " :", 1)))
        if "." in signs or "," in signs:
            _spaced_decimals(c, sorted(i for mark in signs & {".", ","} for i in _finds(text, f" {mark}", 1)))
        if "«" in text:  # one character's scan (memchr): "« " in text read the text four times slower
            _padded_guillemets(c)
    if on("sentence_glue", options.sentence_glue):
        _glued_sentences(c)
    if on("sentence_glue", options.sentence_glue) and "missing_space_after_comma" not in options.disabled:
        _glued_commas(c)
    if on("sentence_glue", options.sentence_glue):
        if "missing_space_after_quote" not in options.disabled and any(q in text for q in '”»"'):
            _glued_after_quotes(c)
        if "missing_space_after_bracket" not in options.disabled and (")" in text or "]" in text):
            _glued_after_brackets(c)
        if "missing_space_after_abbreviation" not in options.disabled:
            _glued_after_abbreviations(c)
    if c.pending and (spans := code_spans(text)):
        c.pending = [e for e in c.pending if not in_code(spans, e.start, e.end)]
    return c.resolve()
