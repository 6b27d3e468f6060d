"""The speakers a press conference's programme lists: a line 发布人：, 主持人：, 发言人： or 嘉宾：, then one person a
line, name before posts (国务院新闻办 pages and their copies):

    发布人:
    胡衡华 重庆市委副书记、市政府市长
    陈新武 重庆市委常委、秘书长，市政府常务副市长
    主持人:
    寿小丽 国务院新闻办新闻局局长、新闻发言人

Each line gives a Person and the posts after the name, split at 、 and ，, as roster lines give them
(:func:`kg.extract.roster.posts`); the list ends at the first line that is no name and posts.
"""
from __future__ import annotations

import re

from . import base
from .model import Extraction
from .roster import SPACE as _SP, posts

NAME = "speakers"
_HEAD = re.compile(rf"^{_SP}*(?:发布人|主持人|发言人|出席嘉宾|答问嘉宾|嘉宾){_SP}*[：:]{_SP}*", re.M)
_SPEAKER = re.compile(rf"{_SP}*(?P<name>[\u4e00-\u9fff](?:{_SP}?[\u4e00-\u9fff]){{1,3}}?){_SP}+"
                      rf"(?P<posts>[\u4e00-\u9fff（）()][\u4e00-\u9fff（）()、，]{{1,80}}){_SP}*$")


def extract_speakers(doc, passages, place: str | None = None) -> Extraction:
    """Person and Post mentions (with the posts' agencies) of the speaker lists of ``doc``."""
    out = base.extraction(doc)
    text = doc.text
    for head in _HEAD.finditer(text):
        pos = head.end() + (text[head.end():head.end() + 1] == "\n")  # the names on the lines below the head
        while pos < len(text):
            end = text.find("\n", pos)
            end = len(text) if end < 0 else end
            m = _SPEAKER.match(text, pos, end)
            if not m or m.end() != end:
                break
            person = base.mention(doc, "Person", re.sub(_SP, "", m.group("name")), m.start("name"), m.end("name"), NAME)
            out.mentions.append(person)
            posts(doc, out, person.key, m, place, between="、，", extractor=NAME)
            pos = end + 1
    return out


__all__ = ["extract_speakers"]
