"""What kind of body an organisation's name names, as the posts of people are read (:mod:`kg.extract.actors`,
:mod:`kg.extract.roster`).

- An ``Agency`` is a government body; a name ending in :data:`BODY_END` is an ``Organization``: an enterprise, a
  mine, a station, a town or village, a university, a school, a publisher (淮北矿业集团公司, 芦岭煤矿, 左权县辽阳镇,
  华中师范大学, 人民教育出版社).
- A former post is written with 原 between the body and the title (中央编译局原局长, 吉林大学原党委书记): the body
  is the name before it (:func:`body_name`).
- Academic and professional ranks (教授, 院士, 研究员, 编审 …) are no posts of a body (:data:`RANK`).
"""
from __future__ import annotations

import re

BODY_END = r"(?:公司|集团|煤矿|矿|厂|站|镇|乡|村|大学|学院|学校|小学|中学|出版社|杂志社|报社)"
_BODY_END = re.compile(BODY_END + "$")
#: Ranks and professional titles: what a person is, not a post a body gives.
RANK = re.compile(r"(?:副)?(?:教授|研究员|院士|编审|译审|高级工程师|工程师|正高级教师|高级教师|特级教师|主任医师|"
                  r"高级记者|高级编辑|教授级高级工程师)")


def body_name(name: str) -> str:
    """The body's name without the 原 (former) that precedes a former post's title: 中央编译局原 -> 中央编译局."""
    return name[:-1] if name.endswith("原") and len(name) > 2 else name


def kind_of_body(name: str) -> str:
    """``Organization`` for an enterprise, a mine, a town, a university … (:data:`BODY_END`), else ``Agency``."""
    return "Organization" if _BODY_END.search(name) else "Agency"
