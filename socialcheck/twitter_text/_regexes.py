# Ported from twitter-text (https://github.com/twitter/twitter-text), mainly
# rb/lib/twitter-text/regex.rb, with details from js/src/regexp/*.js and
# java/src/main/java/com/twitter/twittertext/Regex.java.
# Copyright 2011-2018 Twitter, Inc.; licensed under the Apache License, Version 2.0
# (http://www.apache.org/licenses/LICENSE-2.0). Changes: see docs/twitter-text.md.
"""The twitter-text regular expressions, compiled once at import (private module).

Each pattern keeps upstream's structure and group numbers. Where upstream relies on
backtracking that can explode on hostile input, the pattern is rewritten into an
equivalent one that cannot (single character classes instead of `(?:[a]|[b]+)+`,
atomic domain labels, possessive URL paths); the comments say where.
"""

from __future__ import annotations

import regex

from ._tlds import COUNTRY_TLDS, GENERIC_TLDS

_I = regex.IGNORECASE

# --- character sets (strings meant to sit inside [...]) -----------------------------

UNICODE_SPACES = (
    "\\u0009-\\u000d"  # White_Space Cc [5] <control-0009>..<control-000D>
    "\\u0020"  # SPACE
    "\\u0085"  # <control-0085>
    "\\u00a0"  # NO-BREAK SPACE
    "\\u1680"  # OGHAM SPACE MARK
    "\\u180e"  # MONGOLIAN VOWEL SEPARATOR
    "\\u2000-\\u200a"  # EN QUAD..HAIR SPACE
    "\\u2028"  # LINE SEPARATOR
    "\\u2029"  # PARAGRAPH SEPARATOR
    "\\u202f"  # NARROW NO-BREAK SPACE
    "\\u205f"  # MEDIUM MATHEMATICAL SPACE
    "\\u3000"  # IDEOGRAPHIC SPACE
)

DIRECTIONAL_CHARACTERS = (
    "\\u061c"  # ARABIC LETTER MARK (ALM)
    "\\u200e"  # LEFT-TO-RIGHT MARK (LRM)
    "\\u200f"  # RIGHT-TO-LEFT MARK (RLM)
    "\\u202a"  # LEFT-TO-RIGHT EMBEDDING (LRE)
    "\\u202b"  # RIGHT-TO-LEFT EMBEDDING (RLE)
    "\\u202c"  # POP DIRECTIONAL FORMATTING (PDF)
    "\\u202d"  # LEFT-TO-RIGHT OVERRIDE (LRO)
    "\\u202e"  # RIGHT-TO-LEFT OVERRIDE (RLO)
    "\\u2066"  # LEFT-TO-RIGHT ISOLATE (LRI)
    "\\u2067"  # RIGHT-TO-LEFT ISOLATE (RLI)
    "\\u2068"  # FIRST STRONG ISOLATE (FSI)
    "\\u2069"  # POP DIRECTIONAL ISOLATE (PDI)
)

# Characters not allowed in Tweets: two BOMs and a non-character.
INVALID_CHARACTERS = "\\ufffe\\ufeff\\uffff"
INVALID_CHARACTERS_SET = frozenset("\ufffe\ufeff\uffff")

# Latin accented characters; excludes U+00D7 (multiplication sign) and U+00F7 (division).
LATIN_ACCENTS = (
    "\\u00c0-\\u00d6\\u00d8-\\u00f6\\u00f8-\\u00ff\\u0100-\\u024f"
    "\\u0253\\u0254\\u0256\\u0257\\u0259\\u025b\\u0263\\u0268\\u026f\\u0272\\u0289\\u028b"
    "\\u02bb\\u0300-\\u036f\\u1e00-\\u1eff"
)

PUNCTUATION_CHARS = "!\"#$%&'()*+,\\-./:;<=>?@\\[\\]^_`{|}~"  # ASCII punctuation, escaped
SPACE_CHARS = " \\t\\n\\x0b\\f\\r"
CTRL_CHARS = "\\x00-\\x1f\\x7f"

# "Generated from unicode_regex/unicode_regex_groups.scala, more inclusive than \p{L}\p{M}"
HASHTAG_LETTERS_AND_MARKS = (
    "\\p{L}\\p{M}"
    "\\u037f\\u0528-\\u052f\\u08a0-\\u08b2\\u08e4-\\u08ff\\u0978\\u0980\\u0c00\\u0c34\\u0c81"
    "\\u0d01\\u0ede\\u0edf\\u10c7\\u10cd\\u10fd-\\u10ff\\u16f1-\\u16f8\\u17b4\\u17b5\\u191d"
    "\\u191e\\u1ab0-\\u1abe\\u1bab-\\u1bad\\u1bba-\\u1bbf\\u1cf3-\\u1cf6\\u1cf8\\u1cf9"
    "\\u1de7-\\u1df5\\u2cf2\\u2cf3\\u2d27\\u2d2d\\u2d66\\u2d67\\u9fcc\\ua674-\\ua67b"
    "\\ua698-\\ua69d\\ua69f\\ua792-\\ua79f\\ua7aa-\\ua7ad\\ua7b0\\ua7b1\\ua7f7-\\ua7f9"
    "\\ua9e0-\\ua9ef\\ua9fa-\\ua9fe\\uaa7c-\\uaa7f\\uaae0-\\uaaef\\uaaf2-\\uaaf6"
    "\\uab30-\\uab5a\\uab5c-\\uab5f\\uab64\\uab65\\uf870-\\uf87f\\uf882\\uf884-\\uf89f"
    "\\uf8b8\\uf8c1-\\uf8d6\\ufa2e\\ufa2f\\ufe27-\\ufe2d"
    "\\U000102e0\\U0001031f\\U00010350-\\U0001037a\\U00010500-\\U00010527"
    "\\U00010530-\\U00010563\\U00010600-\\U00010736\\U00010740-\\U00010755"
    "\\U00010760-\\U00010767\\U00010860-\\U00010876\\U00010880-\\U0001089e"
    "\\U00010980-\\U000109b7\\U000109be\\U000109bf\\U00010a80-\\U00010a9c"
    "\\U00010ac0-\\U00010ac7\\U00010ac9-\\U00010ae6\\U00010b80-\\U00010b91\\U0001107f"
    "\\U000110d0-\\U000110e8\\U00011100-\\U00011134\\U00011150-\\U00011173\\U00011176"
    "\\U00011180-\\U000111c4\\U000111da\\U00011200-\\U00011211\\U00011213-\\U00011237"
    "\\U000112b0-\\U000112ea\\U00011301-\\U00011303\\U00011305-\\U0001130c\\U0001130f"
    "\\U00011310\\U00011313-\\U00011328\\U0001132a-\\U00011330\\U00011332\\U00011333"
    "\\U00011335-\\U00011339\\U0001133c-\\U00011344\\U00011347\\U00011348"
    "\\U0001134b-\\U0001134d\\U00011357\\U0001135d-\\U00011363\\U00011366-\\U0001136c"
    "\\U00011370-\\U00011374\\U00011480-\\U000114c5\\U000114c7\\U00011580-\\U000115b5"
    "\\U000115b8-\\U000115c0\\U00011600-\\U00011640\\U00011644\\U00011680-\\U000116b7"
    "\\U000118a0-\\U000118df\\U000118ff\\U00011ac0-\\U00011af8\\U0001236f-\\U00012398"
    "\\U00016a40-\\U00016a5e\\U00016ad0-\\U00016aed\\U00016af0-\\U00016af4"
    "\\U00016b00-\\U00016b36\\U00016b40-\\U00016b43\\U00016b63-\\U00016b77"
    "\\U00016b7d-\\U00016b8f\\U00016f00-\\U00016f44\\U00016f50-\\U00016f7e"
    "\\U00016f8f-\\U00016f9f\\U0001bc00-\\U0001bc6a\\U0001bc70-\\U0001bc7c"
    "\\U0001bc80-\\U0001bc88\\U0001bc90-\\U0001bc99\\U0001bc9d\\U0001bc9e"
    "\\U0001e800-\\U0001e8c4\\U0001e8d0-\\U0001e8d6\\U0001ee00-\\U0001ee03"
    "\\U0001ee05-\\U0001ee1f\\U0001ee21\\U0001ee22\\U0001ee24\\U0001ee27"
    "\\U0001ee29-\\U0001ee32\\U0001ee34-\\U0001ee37\\U0001ee39\\U0001ee3b\\U0001ee42"
    "\\U0001ee47\\U0001ee49\\U0001ee4b\\U0001ee4d-\\U0001ee4f\\U0001ee51\\U0001ee52"
    "\\U0001ee54\\U0001ee57\\U0001ee59\\U0001ee5b\\U0001ee5d\\U0001ee5f\\U0001ee61"
    "\\U0001ee62\\U0001ee64\\U0001ee67-\\U0001ee6a\\U0001ee6c-\\U0001ee72"
    "\\U0001ee74-\\U0001ee77\\U0001ee79-\\U0001ee7c\\U0001ee7e\\U0001ee80-\\U0001ee89"
    "\\U0001ee8b-\\U0001ee9b\\U0001eea1-\\U0001eea3\\U0001eea5-\\U0001eea9"
    "\\U0001eeab-\\U0001eebb"
)

# "more inclusive than \p{Nd}"
HASHTAG_NUMERALS = (
    "\\p{Nd}"
    "\\u0de6-\\u0def\\ua9f0-\\ua9f9\\U000110f0-\\U000110f9\\U00011136-\\U0001113f"
    "\\U000111d0-\\U000111d9\\U000112f0-\\U000112f9\\U000114d0-\\U000114d9"
    "\\U00011650-\\U00011659\\U000116c0-\\U000116c9\\U000118e0-\\U000118e9"
    "\\U00016a60-\\U00016a69\\U00016b50-\\U00016b59"
)

HASHTAG_SPECIAL_CHARS = (
    "_"  # underscore
    "\\u200c"  # ZERO WIDTH NON-JOINER (ZWNJ)
    "\\u200d"  # ZERO WIDTH JOINER (ZWJ)
    "\\ua67e"  # CYRILLIC KAVYKA
    "\\u05be"  # HEBREW PUNCTUATION MAQAF
    "\\u05f3"  # HEBREW PUNCTUATION GERESH
    "\\u05f4"  # HEBREW PUNCTUATION GERSHAYIM
    "\\uff5e"  # FULLWIDTH TILDE
    "\\u301c"  # WAVE DASH
    "\\u309b"  # KATAKANA-HIRAGANA VOICED SOUND MARK
    "\\u309c"  # KATAKANA-HIRAGANA SEMI-VOICED SOUND MARK
    "\\u30a0"  # KATAKANA-HIRAGANA DOUBLE HYPHEN
    "\\u30fb"  # KATAKANA MIDDLE DOT
    "\\u3003"  # DITTO MARK
    "\\u0f0b"  # TIBETAN MARK INTERSYLLABIC TSHEG
    "\\u0f0c"  # TIBETAN MARK DELIMITER TSHEG BSTAR
    "\\u00b7"  # MIDDLE DOT
)

HASHTAG_LETTERS_NUMERALS = HASHTAG_LETTERS_AND_MARKS + HASHTAG_NUMERALS + HASHTAG_SPECIAL_CHARS
HASHTAG_LETTERS_NUMERALS_SET = f"[{HASHTAG_LETTERS_NUMERALS}]"
HASHTAG_LETTERS_SET = f"[{HASHTAG_LETTERS_AND_MARKS}]"

AT_SIGNS = "[@\\uff20]"

# --- hashtags -----------------------------------------------------------------------

# $1 before, $2 hash sign, $3 tag text. A variation selector right before the hash
# (an emoji such as U+270C U+FE0F) is allowed although it is a mark (\p{M}).
VALID_HASHTAG = regex.compile(
    f"(^|\\ufe0e|\\ufe0f|[^&{HASHTAG_LETTERS_NUMERALS}])"
    "([#\\uff03])"
    "(?!\\ufe0f|\\u20e3)"
    f"({HASHTAG_LETTERS_NUMERALS_SET}*{HASHTAG_LETTERS_SET}{HASHTAG_LETTERS_NUMERALS_SET}*)",
    _I,
)
# The END_* patterns are used with .match(text, pos): anchored at pos, no `^` needed.
END_HASHTAG_MATCH = regex.compile("(?:[#\\uff03]|://)")

# --- mentions, lists, replies -------------------------------------------------------

VALID_MENTION_PRECEDING_CHARS = "(?:[^a-z0-9_!#$%&*@\\uff20]|^|(?:^|[^a-z0-9_+~.-])[rR][tT]:?)"
# $1 before, $2 at sign, $3 screen name, $4 list slug (with its leading slash)
VALID_MENTION_OR_LIST = regex.compile(
    f"({VALID_MENTION_PRECEDING_CHARS})({AT_SIGNS})([a-z0-9_]{{1,20}})"
    "(/[a-z][a-z0-9_\\-]{0,24})?",
    _I,
)
# Upstream Ruby anchors with `^`, which in Ruby also matches after any newline; the JS
# and Java ports (and this one) anchor at the start of the text only.
VALID_REPLY = regex.compile(
    f"^(?:[{UNICODE_SPACES}{DIRECTIONAL_CHARACTERS}])*{AT_SIGNS}([a-z0-9_]{{1,20}})", _I
)
END_MENTION_MATCH = regex.compile(f"(?:{AT_SIGNS}|[{LATIN_ACCENTS}]|://)", _I)

# --- URLs ---------------------------------------------------------------------------

VALID_URL_PRECEDING_CHARS = (
    f"(?:[^a-z0-9@\\uff20$#\\uff03{INVALID_CHARACTERS}]|[{DIRECTIONAL_CHARACTERS}]|^)"
)
INVALID_URL_WITHOUT_PROTOCOL_PRECEDING_CHARS = regex.compile("[-_./]$")

DOMAIN_VALID_CHARS = (
    f"[^{DIRECTIONAL_CHARACTERS}{PUNCTUATION_CHARS}{SPACE_CHARS}{CTRL_CHARS}"
    f"{INVALID_CHARACTERS}{UNICODE_SPACES}]"
)
# Upstream's TLD alternations, in list order (the tests build upstream's URL regex from
# them); the code uses TLD below, the same names as a trie.
VALID_GTLD = f"(?:(?:{'|'.join(GENERIC_TLDS)})(?=[^0-9a-z@+-]|$))"
VALID_CCTLD = f"(?:(?:{'|'.join(COUNTRY_TLDS)})(?=[^0-9a-z@+-]|$))"
VALID_PUNYCODE = "(?:xn--[0-9a-z]+)"


_Trie = dict[str, "_Trie"]


def _trie_alternation(words: tuple[str, ...]) -> str:
    """One alternation for `words`, as a trie: longer continuations are tried first.

    Equivalent to `w1|w2|...` in list order when, as in upstream's lists, every name is
    listed before any of its prefixes (checked in the tests), and much faster: one
    character test per level instead of ~1,600 alternatives.
    """
    root: _Trie = {}
    for word in words:
        node = root
        for char in word.lower():
            node = node.setdefault(char, {})
        node[""] = {}  # end of a word (no real character is empty)

    def emit(node: _Trie) -> str:
        alternatives = [
            str(regex.escape(c)) + emit(child) for c, child in sorted(node.items()) if c
        ]
        if "" in node:
            alternatives.append("")
        if len(alternatives) == 1:
            return alternatives[0]
        return "(?:" + "|".join(alternatives) + ")"

    return emit(root)


# gTLD|ccTLD|punycode at one position, as upstream's `(?:gTLD|ccTLD|punycode)`.
VALID_TLD = (
    f"(?:{_trie_alternation(GENERIC_TLDS + COUNTRY_TLDS)}(?=[^0-9a-z@+-]|$)|{VALID_PUNYCODE})"
)
TLD = regex.compile(VALID_TLD, _I)

# Labels of upstream's `valid_ascii_domain`, which pulls the ASCII domains out of a
# protocol-less match; _urlscan.ascii_domain_spans does the rest.
ASCII_DOMAIN_LABEL_RUN = regex.compile(f"[a-z0-9\\-_{LATIN_ACCENTS}]+", _I)

VALID_PORT_NUMBER = "[0-9]++"

VALID_GENERAL_URL_PATH_CHARS = (
    f"[a-z\\p{{Cyrillic}}0-9!*';:=+,.$/%#\\[\\]\\p{{Pd}}_~&|@{LATIN_ACCENTS}]"
)
# Allow URL paths to contain up to two nested levels of balanced parens:
# Wikipedia /Primer_(film), IIS /S(dfd346)/, Rdio /track/We_Up_(Album_Version_(Edited))/
VALID_URL_BALANCED_PARENS = (
    "\\("
    "(?:"
    f"{VALID_GENERAL_URL_PATH_CHARS}+"
    "|"
    f"(?:{VALID_GENERAL_URL_PATH_CHARS}*\\({VALID_GENERAL_URL_PATH_CHARS}+\\)"
    f"{VALID_GENERAL_URL_PATH_CHARS}*)"
    ")"
    "\\)"
)
# Valid end-of-path characters (so /foo. does not gobble the period); =&# are allowed
# for empty URL parameters and other URL-join artifacts.
VALID_URL_PATH_ENDING_CHARS = (
    f"[a-z\\p{{Cyrillic}}0-9=_#/+\\-{LATIN_ACCENTS}]|(?:{VALID_URL_BALANCED_PARENS})"
)
VALID_URL_PATH = (
    "(?:"
    f"(?:{VALID_GENERAL_URL_PATH_CHARS}*"
    f"(?:{VALID_URL_BALANCED_PARENS}{VALID_GENERAL_URL_PATH_CHARS}*)*"
    f"{VALID_URL_PATH_ENDING_CHARS})"
    f"|(?:{VALID_GENERAL_URL_PATH_CHARS}+/)"
    ")"
)
VALID_URL_QUERY_CHARS = "[a-z0-9!?*'();:&=+$/%#\\[\\]\\-_.,~|@]"
VALID_URL_QUERY_ENDING_CHARS = "[a-z0-9_&=#/\\-]"

# Upstream finds URLs with one regex: preceding character, optional protocol, domain
# (subdomain* domain-name TLD), optional port, path and query. _urlscan.py reproduces its
# matches in linear time with these pieces. Characters that may precede a URL are all
# but these (upstream's class, with the case
# variants of ASCII letters that IGNORECASE adds: U+0130, U+017F, U+212A);
URL_PRECEDING_EXCLUDED = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@$#"
    "\u0130\u017f\u212a\uff20\uff03\ufffe\ufeff\uffff"
)
# a domain label is a run of DOMAIN_VALID_CHARS, `_` and `-`, followed by a dot;
DOMAIN_LABEL_RUN = regex.compile(
    f"[^{DIRECTIONAL_CHARACTERS}!\"#$%&'()*+,./:;<=>?@\\[\\]^`{{|}}~"
    f"{SPACE_CHARS}{CTRL_CHARS}{INVALID_CHARACTERS}{UNICODE_SPACES}]+"
)
PROTOCOL = regex.compile("https?://", _I)
# everything after the domain is optional, so the first way the path matches is final
# (the path repetition is possessive, as in upstream Java, without changing results).
URL_AFTER_DOMAIN = regex.compile(
    f"(?::({VALID_PORT_NUMBER}))?"  # port number
    f"(/{VALID_URL_PATH}*+)?"  # path and anchor
    f"(\\?{VALID_URL_QUERY_CHARS}*{VALID_URL_QUERY_ENDING_CHARS})?",  # query string
    _I,
)

# t.co URLs: no extra path characters; the query string is kept (as in Java/JS).
VALID_TCO_URL = regex.compile(
    f"^https?://t\\.co/([a-z0-9]+)(?:\\?{VALID_URL_QUERY_CHARS}*{VALID_URL_QUERY_ENDING_CHARS})?",
    _I,
)

# --- cashtags -----------------------------------------------------------------------

CASHTAG = "[a-z]{1,6}(?:[._][a-z]{1,2})?"
VALID_CASHTAG = regex.compile(
    f"(^|[{UNICODE_SPACES}{DIRECTIONAL_CHARACTERS}])(\\$)({CASHTAG})"
    f"(?=$|\\s|[{PUNCTUATION_CHARS}])",
    _I,
)

# --- URL validation (RFC 3986 based, stricter than the RFC) ------------------------

VALIDATE_URL_UNRESERVED = "[a-z\\p{Cyrillic}0-9\\p{Pd}._~]"
VALIDATE_URL_PCT_ENCODED = "(?:%[0-9a-f]{2})"
VALIDATE_URL_SUB_DELIMS = "[!$&'()*+,;=]"
VALIDATE_URL_PCHAR = (
    f"(?:{VALIDATE_URL_UNRESERVED}|{VALIDATE_URL_PCT_ENCODED}|{VALIDATE_URL_SUB_DELIMS}|[:|@])"
)
VALIDATE_URL_SCHEME = regex.compile("(?:[a-z][a-z0-9+\\-.]*)", _I)
VALIDATE_URL_USERINFO = (
    f"(?:{VALIDATE_URL_UNRESERVED}|{VALIDATE_URL_PCT_ENCODED}|{VALIDATE_URL_SUB_DELIMS}|:)*"
)
VALIDATE_URL_DEC_OCTET = "(?:[0-9]|(?:[1-9][0-9])|(?:1[0-9]{2})|(?:2[0-4][0-9])|(?:25[0-5]))"
VALIDATE_URL_IPV4 = f"(?:{VALIDATE_URL_DEC_OCTET}(?:\\.{VALIDATE_URL_DEC_OCTET}){{3}})"
VALIDATE_URL_IPV6 = "(?:\\[[a-f0-9:.]+\\])"  # punting on real IPv6 validation
VALIDATE_URL_IP = f"(?:{VALIDATE_URL_IPV4}|{VALIDATE_URL_IPV6})"

VALIDATE_URL_SUBDOMAIN_SEGMENT = "(?:[a-z0-9](?:[a-z0-9_\\-]*[a-z0-9])?)"
VALIDATE_URL_DOMAIN_SEGMENT = "(?:[a-z0-9](?:[a-z0-9\\-]*[a-z0-9])?)"
VALIDATE_URL_DOMAIN_TLD = "(?:[a-z](?:[a-z0-9\\-]*[a-z0-9])?)"
VALIDATE_URL_DOMAIN = (
    f"(?:(?:{VALIDATE_URL_SUBDOMAIN_SEGMENT}\\.)*"
    f"(?:{VALIDATE_URL_DOMAIN_SEGMENT}\\.){VALIDATE_URL_DOMAIN_TLD})"
)
VALIDATE_URL_HOST = f"(?:{VALIDATE_URL_IP}|{VALIDATE_URL_DOMAIN})"

# Unencoded internationalized domains (no check for invalid UTF-8 sequences).
_U = "[^\\x00-\\x7f]"
VALIDATE_URL_UNICODE_SUBDOMAIN_SEGMENT = (
    f"(?:(?:[a-z0-9]|{_U})(?:(?:[a-z0-9_\\-]|{_U})*(?:[a-z0-9]|{_U}))?)"
)
VALIDATE_URL_UNICODE_DOMAIN_SEGMENT = (
    f"(?:(?:[a-z0-9]|{_U})(?:(?:[a-z0-9\\-]|{_U})*(?:[a-z0-9]|{_U}))?)"
)
VALIDATE_URL_UNICODE_DOMAIN_TLD = f"(?:(?:[a-z]|{_U})(?:(?:[a-z0-9\\-]|{_U})*(?:[a-z0-9]|{_U}))?)"
VALIDATE_URL_UNICODE_DOMAIN = (
    f"(?:(?:{VALIDATE_URL_UNICODE_SUBDOMAIN_SEGMENT}\\.)*"
    f"(?:{VALIDATE_URL_UNICODE_DOMAIN_SEGMENT}\\.){VALIDATE_URL_UNICODE_DOMAIN_TLD})"
)
VALIDATE_URL_UNICODE_HOST = f"(?:{VALIDATE_URL_IP}|{VALIDATE_URL_UNICODE_DOMAIN})"
VALIDATE_URL_PORT = "[0-9]{1,5}"

VALIDATE_URL_UNICODE_AUTHORITY = regex.compile(
    f"(?:({VALIDATE_URL_USERINFO})@)?"  # $1 userinfo
    f"({VALIDATE_URL_UNICODE_HOST})"  # $2 host
    f"(?::({VALIDATE_URL_PORT}))?",  # $3 port
    _I,
)
VALIDATE_URL_AUTHORITY = regex.compile(
    f"(?:({VALIDATE_URL_USERINFO})@)?"  # $1 userinfo
    f"({VALIDATE_URL_HOST})"  # $2 host
    f"(?::({VALIDATE_URL_PORT}))?",  # $3 port
    _I,
)
VALIDATE_URL_PATH = regex.compile(f"(/{VALIDATE_URL_PCHAR}*)*", _I)
VALIDATE_URL_QUERY = regex.compile(f"({VALIDATE_URL_PCHAR}|/|\\?)*", _I)
VALIDATE_URL_FRAGMENT = regex.compile(f"({VALIDATE_URL_PCHAR}|/|\\?)*", _I)

# Modified version of RFC 3986 Appendix B.
VALIDATE_URL_UNENCODED = regex.compile(
    "\\A"
    "(?:([^:/?#]+)://)?"  # $1 scheme
    "([^/?#]*)"  # $2 authority
    "([^?#]*)"  # $3 path
    "(?:\\?([^#]*))?"  # $4 query
    "(?:#(.*))?"  # $5 fragment
    "\\Z",
    _I,
)

# --- emoji (weighted length, config v3) ---------------------------------------------
#
# Upstream counts every emoji sequence found by twemoji-parser (JS) or its generated
# TwitterTextEmojiRegex (Java/Ruby) as one character of the default weight. This is a
# property-based equivalent after UTS #51 instead of a frozen list: keycaps, flags, tag
# sequences, modifier and presentation sequences, ZWJ sequences. As upstream: an emoji
# with default text presentation counts unless U+FE0E follows it, (c) and (R) count
# only with U+FE0F, a skin-tone modifier binds only to an Emoji_Modifier_Base, and a
# U+FE0F after the modifier is not part of the emoji.
_EMOJI_ELEMENT = (
    "(?:"
    "[\\u00a9\\u00ae]\\ufe0f"
    "|\\p{Emoji_Modifier_Base}(?:\\ufe0f|(?!\\ufe0e))\\p{Emoji_Modifier}?"
    "|(?=\\p{Emoji})(?![\\u00a9\\u00ae])\\p{Extended_Pictographic}(?:\\ufe0f|(?!\\ufe0e))"
    ")"
)
EMOJI = regex.compile(
    "\\p{Extended_Pictographic}[\\U000e0020-\\U000e007e]+\\U000e007f"  # tag sequence
    "|[\\U0001f1e6-\\U0001f1ff]{2}"  # flag (regional indicator pair)
    "|[#*0-9]\\ufe0f?\\u20e3"  # keycap
    f"|{_EMOJI_ELEMENT}(?:\\u200d{_EMOJI_ELEMENT})*"  # (ZWJ sequence of) emoji
    "|[\\U0001f1e6-\\U0001f1ff\\U0001f3fb-\\U0001f3ff\\ufe0f]"  # lone RI, modifier, VS16
)
