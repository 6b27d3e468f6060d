"""The document a text says it was made by (根据《国务院关于…的实施意见》（国发〔2016〕56号）精神，…制定本方案): 山西的增收
实施方案是根据国务院哪份文件制定的？请给出文号 / Which document is Xinxiang's plan based on?

A question asking a document's basis (根据, 依据, based on …) and its number or title is answered from the text of the
document it names (by number or title, :meth:`kg.answer.issued.IssueDates.named`; else the one document of its scope,
the place it names; else the document of its search passages): the 《title》（number） it cites after 根据 / 依据 / 按照 /
依照 / 贯彻 / 落实. Several such citations are narrowed to the one whose title the question writes, else to those whose title holds the question's issuer words (国务院, 河南省);
not one left, no answer.
"""
from __future__ import annotations

import re

from ..names import pinyin_words, spelled
from .scope import PASSAGES
from .people import Statement

CUE = re.compile(r"根据|依据|依照|按照|引用|\bbased on\b|\baccording to\b|\bin accordance with\b|\bpursuant to\b"
                 r"|(?:贯彻|落实)(?=[^，。？?]{0,8}(?:哪|什么|《))"  # 为落实哪份文件制定, 贯彻的《…》文号是
                 r"(?![^《，。？?]{0,4}《[^》]*》[^，。？?]{0,6}?(?:方案|意见|规划|计划|办法|通知|细则|措施))"
                 r"|\b(?:does|do|did)\b[^?]{0,80}\bimplement\b|\bcites?\b")  # which does it implement / cite; not
# a title's own words (关于贯彻落实X规划的实施方案的文号, 河南省贯彻落实《…》工作方案的文号, the measures that implement …)
# (河南省贯彻落实《…规划》工作方案的文号, the work plan for implementing …)
_CITED = re.compile(r"(?:根据|依据|依照|按照|贯彻|落实)[^《。；\n]{0,12}《(?P<title>[^《》]{4,80})》\s*[（(](?P<number>[^（）()\n]{2,20}"
                    r"[〔\[［(（]\d{4}[〕\]］)）]\d+号)[）)]")
#: A further citation joined to one :data:`_CITED` read (根据《…》（国发…）和《…》（浙政发…）、《…》（衢政发…）精神).
_MORE = re.compile(r"\s*(?:和|及|以及|与|、)\s*《(?P<title>[^《》]{4,80})》\s*[（(](?P<number>[^（）()\n]{2,20}"
                   r"[〔\[［(（]\d{4}[〕\]］)）]\d+号)[）)]")
_ISSUER_WORDS = re.compile(r"国务院|中共中央|[\u4e00-\u9fff]{2,4}?(?:省|市|自治区|部|委|局)(?=[^\u4e00-\u9fff]|哪|的|文件|$)")


def cited_bases(store, doc: str) -> list[tuple[str, str, str]]:
    """(title, number, passage) of each document ``doc``'s text says it was made by, in text order, once each."""
    found = {}
    for passage, text in sorted((row["p"].value, row["text"].value) for row in store.query(PASSAGES % doc)):
        for m in _CITED.finditer(text):
            found.setdefault((m.group("title"), m.group("number")), passage)
            while m := _MORE.match(text, m.end()):
                found.setdefault((m.group("title"), m.group("number")), passage)
    return [(title, number, passage) for (title, number), passage in found.items()]


def _closest(bases: list[tuple[str, str, str]], q: str) -> list[tuple[str, str, str]]:
    """The citation whose title's character pairs the question writes most of, at least :data:`NAMED_SHARE` of them
    (浙江省深化数字政府建设实施意见 for 《浙江省人民政府关于深化数字政府建设的实施意见》, not 《衢州市人民政府关于…》)."""
    asked = {q[i:i + 2] for i in range(len(q) - 1)}
    shares = sorted(((len(pairs & asked) / len(pairs), b) for b in bases
                     if (pairs := {b[0][i:i + 2] for i in range(len(b[0]) - 1)})), key=lambda t: -t[0])
    if not shares or shares[0][0] < NAMED_SHARE or len(shares) > 1 and shares[1][0] == shares[0][0]:
        return []
    return [shares[0][1]]


NAMED_SHARE = 0.4


def basis(store, q: str, doc: str, titles: dict[str, str], lang: str) -> tuple[str, list[Statement]] | None:
    """The one document ``doc`` cites as its basis (narrowed by the question's issuer words): a sentence naming its
    title and number, and a statement whose value is the number; None when not one."""
    bases = cited_bases(store, doc)
    if len(bases) > 1 and (named := [b for b in bases if b[0] in q] or _closest(bases, q)):  # 贯彻的《…规划》文号是
        bases = named
    if len(bases) > 1 and (places := pinyin_words(q)):  # the Quzhou municipal opinions: 《衢州市人民政府关于…》
        bases = [b for b in bases if any(p in spelled(b[0]) for p in places)] or bases
    words = [w for w in _ISSUER_WORDS.findall(q) if w]
    if len(bases) > 1 and words:
        bases = [b for b in bases if any(w in b[0] for w in words)]
    if len(bases) != 1:
        return None
    title, number, passage = bases[0]
    own = titles.get(lang) or titles.get("zh") or next(iter(titles.values()), doc)
    text = (f"《{own}》是根据《{title}》（{number}）制定的。" if lang == "zh"
            else f"“{own}” was made according to “{title}” ({number}).")
    return text, [Statement(doc, {"zh": title}, number, None, [passage])]


__all__ = ["CUE", "basis", "cited_bases"]
