"""Name normalisation and similarity, shared by autocomplete, reconciliation and entity linking.

Small interface:

- :func:`normalize` folds width (NFKC), case and punctuation so "ＮＤＲＣ", "ndrc" and "N.D.R.C."
  compare equal;
- :func:`pinyin_keys` gives the toneless pinyin of a Chinese name and its initials
  ("新基建" -> ("xinjijian", "xjj")) so Latin input finds Chinese labels;
- :func:`name_score` is a calibrated similarity in [0, 1] of a query to one name (1 = same name
  after normalisation; 0.95 = same pinyin; ~0.9 = one typo in a long name; containment and
  fuzzy overlap below that), so scores mean the same thing across queries;
- :func:`prefix_score` is the autocomplete counterpart (how well a typed prefix starts a name);
- :func:`american_spelling` writes an English word the American way (utilisation, centre, labour), so that
  the search tokenizer and the dictionary's stems meet whichever spelling a text or question uses.

Keys are cached per string (pure functions of their argument), so repeated use is cheap.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_DROP = re.compile(r"[^\w]+", re.UNICODE)  # punctuation, spaces, quotes 《》“” ...
_SPACES = re.compile(r"\s+")


def has_cjk(text: str) -> bool:
    """True when ``text`` contains a Chinese character."""
    return bool(_CJK.search(text))


def cjk_share(text: str) -> float:
    """Share of Chinese characters among the letters of ``text`` (0.0 when it has no letters)."""
    letters = sum(1 for ch in text if ch.isalpha())
    return len(_CJK.findall(text)) / letters if letters else 0.0


_BRITISH = ((re.compile(r"is(e|es|ed|ing|ation|ations)$"), r"iz\1"),  # organise(d), utilisation
            (re.compile(r"(?<=[^aeiou])tre(s?)$"), r"ter\1"),  # centre, metres
            (re.compile(r"(?<=..[^aeiou])our(s|ed|ing|er|ers|able)?$"), r"or\1"))  # labour, favourable (not hours)


def american_spelling(word: str) -> str:
    """A lower-case English word spelt the American way (words of five letters or fewer are left alone)."""
    if len(word) > 5:
        for pattern, repl in _BRITISH:
            word = pattern.sub(repl, word)
    return word


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """Width-folded (NFKC), case-folded text without punctuation or spaces ("&" reads "and")."""
    text = unicodedata.normalize("NFKC", text or "").casefold().replace("&", " and ")
    return _DROP.sub("", text).replace("_", "")


@lru_cache(maxsize=65536)
def tokens(text: str) -> tuple[str, ...]:
    """Word tokens of a (Latin-script) name after width and case folding."""
    text = unicodedata.normalize("NFKC", text or "").casefold().replace("&", " and ")
    return tuple(t for t in _SPACES.split(_DROP.sub(" ", text).replace("_", " ")) if t)


def pinyin_name(name: str) -> str:
    """A Chinese person's name as English texts write it: surname, then the given name's syllables joined
    (李克强 -> Li Keqiang); "" without Chinese."""
    if not has_cjk(name):
        return ""
    from pypinyin import Style, lazy_pinyin

    syllables = [s for s in lazy_pinyin(unicodedata.normalize("NFKC", name), style=Style.NORMAL) if s.strip()]
    return " ".join(part.capitalize() for part in (syllables[0], "".join(syllables[1:])) if part)


@lru_cache(maxsize=65536)
def pinyin_keys(text: str) -> tuple[str, str]:
    """(full toneless pinyin, initials) of the Chinese in ``text``; ("", "") without Chinese.

    Non-Chinese runs (digits, Latin) are kept as they are: "5G网络" -> ("5gwangluo", "5gwl").
    """
    if not has_cjk(text):
        return "", ""
    from pypinyin import Style, lazy_pinyin

    syllables = [normalize(s) for s in lazy_pinyin(unicodedata.normalize("NFKC", text), style=Style.NORMAL)]
    syllables = [s for s in syllables if s]
    full = "".join(syllables)
    initials = "".join(s if _is_latin_run(s) else s[0] for s in syllables)
    return full, initials


#: One toneless pinyin syllable; a word of two to four of them, capitalised in an English text, is a Chinese name
#: (Changshan, Anhui, Suzhou).
_SYLLABLE = (r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ao|an|ei|en|er"
             r"|ia|ie|in|iu|ou|ua|ui|un|uo|ve|a|e|i|o|u|v)")
_PINYIN_WORD = re.compile(rf"(?:{_SYLLABLE}){{2,4}}")


def pinyin_words(text: str) -> list[str]:
    """The capitalised words of an English text that read as pinyin (Changshan County's -> changshan; Gu'an's -> guan),
    lower-cased; not its first word."""
    words = re.findall(r"(?<=[\s(])([A-Z][a-z]+(?:'(?!s\b)[a-z]+)?)(?:'s)?\b(?!-)", text)  # not Five-Year
    return [w for w in (w.lower().replace("'", "") for w in words) if _PINYIN_WORD.fullmatch(w) and w not in _ENGLISH]


#: English words that read as pinyin and are written capitalised in questions (the 14th Five-Year Plan, China).
_ENGLISH = frozenset("one five seven nine china women line".split())


@lru_cache(maxsize=65536)
def spelled(title: str) -> frozenset[str]:
    """The pinyin of every run of two to four characters of a title (西岭区养老… -> xiling, xilingqu, …): a place word
    matches on syllable bounds (Ji'an is not the jian of 建设; Xi'an not the xian of 县). Each character is spelled as
    read in context (长沙 chang), as read alone (a superset of the reading by characters alone), and, if read two ways
    in place names, both ways (长丰 Changfeng)."""
    from itertools import product

    readings = _readings(title)
    return frozenset("".join(run) for n in (2, 3, 4) for i in range(len(readings) - n + 1)
                     for run in product(*readings[i:i + n]))


@lru_cache(maxsize=16384)
def spellings(word: str) -> frozenset[str]:
    """Every pinyin spelling of a whole Chinese word, read as :func:`spelled` reads a run (聊城 -> liaocheng;
    长丰 -> changfeng, zhangfeng)."""
    from itertools import product

    return frozenset("".join(run) for run in product(*_readings(word))) if has_cjk(word) else frozenset()


def _readings(text: str) -> list[tuple[str, ...]]:
    """Each Chinese character's readings: in context, alone, and as a place name reads it."""
    return [tuple(dict.fromkeys((s, pinyin_keys(ch)[0], *_PLACE_READINGS.get(ch, ())))) for ch, s in _syllables(text) if s]


#: Characters whose reading in a place name a word-blind reading may miss (长 is zhang in 县长, chang in 长丰).
_PLACE_READINGS = {"长": ("chang", "zhang"), "長": ("chang", "zhang"), "重": ("chong", "zhong"), "乐": ("le", "yue"),
                   "樂": ("le", "yue"), "朝": ("chao", "zhao"),
                   "单": ("shan", "dan"), "解": ("xie", "jie"), "番": ("pan", "fan"), "厦": ("xia", "sha")}


def _syllables(text: str) -> list[tuple[str, str]]:
    """(character, toneless pinyin read in context: 长沙 chang, 县长 zhang) of each character; "" for no Chinese."""
    from pypinyin import Style, lazy_pinyin

    text = unicodedata.normalize("NFKC", text)
    read = lazy_pinyin(text, style=Style.NORMAL, errors=lambda run: [""] * len(run))
    return [(ch, normalize(s) if has_cjk(ch) else "") for ch, s in zip(text, read)]


def _is_latin_run(syllable: str) -> bool:
    """A kept non-Chinese run such as "5g" (not a pinyin syllable): keep it whole in the initials."""
    return any(ch.isdigit() for ch in syllable)


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)} if len(text) > 1 else {text}


def _dice(a: str, b: str) -> float:
    x, y = _bigrams(a), _bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


def edit_similarity(a: str, b: str) -> float:
    """1 - Levenshtein distance / length of the longer string (0 when either is empty)."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return 1.0 - prev[-1] / len(a)


def _containment(q: str, n: str) -> float:
    """Score of one normalised string inside the other, growing with the share it covers."""
    short, long_ = (q, n) if len(q) <= len(n) else (n, q)
    if not short or short not in long_:
        return 0.0
    return 0.55 + 0.35 * len(short) / len(long_)


def _is_subsequence(short: str, long_: str) -> bool:
    chars = iter(long_)
    return all(ch in chars for ch in short)


def _abbreviation(q: str, n: str) -> float:
    """A Chinese abbreviation keeps some characters of the full name in order (发改委 < 市发展改革委)."""
    short, long_ = (q, n) if len(q) <= len(n) else (n, q)
    if len(short) < 2 or not has_cjk(short) or not _is_subsequence(short, long_):
        return 0.0
    return 0.5 + 0.3 * len(short) / len(long_)


def _surface(q: str, n: str) -> float:
    """Similarity of two different normalised strings, below 1."""
    fuzzy = max(edit_similarity(q, n), _dice(q, n))
    return min(0.97, max(_containment(q, n), 0.95 * fuzzy))


def _token_sort(query: str, name: str) -> float:
    """Word-order-insensitive similarity ("Reform Commission Shanghai" vs "Shanghai ... Commission")."""
    a, b = tokens(query), tokens(name)
    if len(a) < 2 or len(b) < 2:
        return 0.0
    if sorted(a) == sorted(b):
        return 0.96
    return 0.9 * edit_similarity(" ".join(sorted(a)), " ".join(sorted(b)))


@lru_cache(maxsize=131072)
def name_score(query: str, name: str) -> float:
    """Calibrated similarity in [0, 1] of ``query`` to the name ``name``.

    1.0 identical after :func:`normalize`; 0.95 the query is the pinyin of a Chinese name
    (0.8 for its initials, at least 2 letters); about 0.9 for one typo in ten letters;
    0.55-0.9 when one contains the other (more when it covers more); 0.5-0.8 a Chinese
    abbreviation (characters kept in order); fuzzy overlap below.
    """
    q, n = normalize(query), normalize(name)
    if not q or not n:
        return 0.0
    if q == n:
        return 1.0
    score = max(_surface(q, n), _token_sort(query, name), _abbreviation(q, n))
    if not has_cjk(q) and has_cjk(n):
        full, initials = pinyin_keys(name)
        if q == full:
            return 0.95
        if len(q) >= 2 and q == initials:
            score = max(score, 0.8)
        score = max(score, 0.9 * _surface(q, full))
    return round(score, 4)


@lru_cache(maxsize=131072)
def prefix_score(prefix: str, name: str) -> float:
    """How well a typed ``prefix`` starts ``name`` (autocomplete), in [0, 1]; 0 = no match.

    1.0 the whole name; 0.8-1.0 a prefix of the name (more when it covers more); 0.7-0.9 a
    prefix of its pinyin (0.65 of its initials); 0.6 a later word starts with it; 0.45 it
    occurs inside a Chinese name; 0.4 its characters occur in order (an abbreviation).
    """
    p, n = normalize(prefix), normalize(name)
    if not p or not n:
        return 0.0
    cover = len(p) / len(n)
    if n.startswith(p):
        return round(0.8 + 0.2 * cover, 4)
    best = 0.0
    if not has_cjk(p) and has_cjk(n):
        full, initials = pinyin_keys(name)
        if full.startswith(p):
            best = 0.7 + 0.2 * len(p) / len(full)
        elif len(p) >= 2 and initials.startswith(p):
            best = 0.65
    if not best and any(t.startswith(p) for t in tokens(name)[1:]):
        best = 0.6
    if not best and has_cjk(n) and p in n:
        best = 0.45
    if not best and len(p) >= 2 and has_cjk(p) and _is_subsequence(p, n):
        best = 0.4
    return round(best, 4)


__all__ = ["normalize", "tokens", "has_cjk", "pinyin_keys", "edit_similarity", "name_score", "prefix_score"]
