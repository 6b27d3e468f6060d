"""Whether a number of a Chinese text states a goal (:mod:`kg.extract.targets` reads it as a Target or Indicator only
then): not a parameter of a measure (补贴…元, 按80%收取), a per-case rule (单户…), a setting of a body (设召集人1人), the
condition of a case or a grant (对…2000平方米以上的…，给予), a toll, an award, an approval or what an area is; a goal
for a whole that names a parameter (担保规模超过1000亿元, 确保…占比达到80%) is one."""
from __future__ import annotations

import re

#: Words that make a number a goal (到2025年, 力争, 确保 …) whatever else its sentence says.
TARGET_CUE = re.compile(r"到(?:19|20)\d\d|至(?:19|20)\d\d|力争|将|预计|计划|新建|目标|逐步|确保"
                        r"|(?:19|20)\d\d年(?:底|末)?(?:前)?达到")
#: A clause that sets a parameter of a measure (a subsidy, a loan ceiling, a refund rate), not a target.
_PARAMETER = re.compile(r"补贴|补助|奖励|奖补|返还|贷款|贴息|担保|额度|最高|每人|每户|比例|费率|税率|罚款|估算|计算|核定|预付"
                        r"|征收率|预征率|减征|减按|抵扣|抵减|加计|收费标准|下调"
                        r"|标准为|(?:按|按照)[^，。；]{0,12}标准|限额|扣除|定额|每月|给予|上限")  # and a rule's standard (扣除标准为每月
# 1500元, 按扣除标准的50%扣除), not standards as documents (制修订…标准50项)
#: A sentence that sets a rule for each case (单户担保金额500万元以上的…收费，原则上不高于…0.5%), not a target.
_PER_CASE = re.compile(r"单户|单笔|单个|单家|每户|每人|每家|每笔|本单位|每(?:同比)?(?:增加|新增|提高)"
                       r"|(?:按照|减?按(?!照))(?!期|时|要求|每年|进度)[^，。；]{0,10}$|=")  # 按80%收取, 营业收入每同比增加1000万元; a formula
#: A clause that sets a goal for the whole system even when it names a parameter (确保担保业务占比达到80%以上,
#: 逐步将平均担保费率降至1%以下).
_GOAL = re.compile(r"确保|力争|逐步")
#: A clause that sets a goal for a whole (政府性融资担保规模超过1000亿元, 贷款增量不低于20%, 平均担保费率不高于1%) even when it
#: names a parameter, unless its clause gives or fixes something per case (给予, 按, 每, 单户).
_AGGREGATE = re.compile(r"(?<!小)规模|总额|总量|增量|增速|余额|新增|平均")
#: Billions at least (发放创业担保贷款60亿元以上): a sum for a whole, no case gets that much.
_BILLIONS = re.compile(r"\d亿元以上|(?:超过|不少于|不低于|突破)[\d.]+亿元")
_PER_GRANT = re.compile(r"给予|按照?|每(?![年季月天日])|单[户笔个家项]|奖励|补贴")
#: A parameter of a body or a measure, not a target: its officers (设召集人1人, 设副主任2名), its members
#: (由A、B等9个部门组成), a quota per recipient (支持其行政区域内1家符合条件的X).
#: The toll of an incident, the sanctions after it or the awards a decision confers (造成86名矿工遇难,
#: 造成365人死亡、4026人重伤, 直接经济损失约46亿元, 其他22名相关责任人员也分别受到了党纪、政纪处分, 被移交司法机关):
#: what happened, neither a target nor an indicator.
_OUTCOME = re.compile(r"造成|遇难|重伤|伤亡|经济损失|处分|移交司法|移送司法|追究[^，。；]{0,6}责任"
                      r"|授予|颁发|表彰")  # and the awards a decision confers (授予…等37项成果国家自然科学奖二等奖)
_SETTING = re.compile(r"设[\u4e00-\u9fff]{1,8}?\d+[人名]|组成|\d+[家个所项]符合条件")


#: A number that qualifies a noun (市辖区户籍人口超过100万的城市): a class of cases, unless a goal, level, scale or base
#: is named so (达到2000名的招生规模, 在…12000元的基础上).
_CONDITION = re.compile(r"(?:[及和]以[上下])?(?:（含）|\(含\))?的(?!目标|水平|[^，。；]{0,8}(?<!小)规模|基础上)")
#: A sentence that approves what a request named (一、同意乌鲁木齐、昌吉、石河子3个高新技术产业开发区…): its counts
#: describe the thing approved.
_APPROVED = re.compile(r"^(?:[一二三四五六七八九十]+、)?同意")
#: What an area is (港方查验区总用地面积为41.565公顷): a description, not a target.
_AREA_IS = re.compile(r"(?:用地|占地|建筑|总)面积(?:为|是|约为|共)")


#: The case a measure is for (对冬春两季销售额达2000万元且增速达15%以上的限上汽车销售企业，给予…; 对年产值首次超过1亿元的
#: 企业): its numbers are the case's threshold, no goal.
_FOR_CASE = re.compile(r"(?:^|[，。；：])对于?[^，。；]*$")
_CASE_NOUN = re.compile(r"的[^，。；]{0,12}(?:企业|单位|纳税人|个人|项目|景区|机构|商户|主体|经营者|旅行社|团队|家庭|合作社)")


#: Money granted later in the sentence (…300人以上来定西，…每住宿1天奖励旅行社0.5万元): the numbers before it are the
#: grant's conditions, unless a goal is stated (到2025年, 力争).
_GRANT_AFTER = re.compile(r"(?:给予|奖励|补贴|补助|资助)[^。；]{0,24}?\d[\d.]*[万亿]?元")
#: A new case before the grant (…800个岗位用于招录…，对在岗人员给予; …，经评估认定为重大体育赛事的项目…给予): the grant is
#: that case's, not this number's; the case a 对 before the number opened closes on its own noun (对…1.5亿元以上…的企业).
_NEW_CASE = re.compile(r"[，,]对")
_CASE_CLOSED = re.compile(r"的[^，。；]{0,12}(?:项目|企业|单位|人员|个人|机构)")


def _granted(after: str, own_case: bool) -> bool:
    grant = _GRANT_AFTER.search(after)
    return bool(grant and not _NEW_CASE.search(after, 0, grant.start())
                and (own_case or not _CASE_CLOSED.search(after, 0, grant.start())))


def no_goal(clause: str, before: str, after: str = "") -> bool:
    """True when a number of ``clause`` (``before``: its sentence up to it, ``after``: the rest of the sentence) states
    no goal: a parameter, a setting, a per-case rule, a condition (…的, the condition of a grant), a toll or an award,
    what an approval approves or what an area is."""
    whole = (_AGGREGATE.search(clause) or _BILLIONS.search(clause)) and not _PER_GRANT.search(clause)
    return bool((_PARAMETER.search(clause) and not _GOAL.search(clause) and not whole) or _SETTING.search(clause)
                or (_PER_CASE.search(before) and not _GOAL.search(clause)) or clause.endswith("的")
                or (_granted(after, bool(_FOR_CASE.search(before))) and not TARGET_CUE.search(before))
                or (_FOR_CASE.search(before) and _CASE_NOUN.search(clause))
                or ((_OUTCOME.search(before + clause) or _APPROVED.match(before) or _AREA_IS.search(before))
                    and not TARGET_CUE.search(before)))


#: A share of the units that is to do something (75%的县（市）至少建成一所三级医院, 全市90%的市场主体纳入…平台): a goal.
_SHARE_DOES = re.compile(r"的[^，。；]{1,20}?(?:达到|纳入|建成|实现|提供|完成|具备|开展|建立|配备|覆盖)")


def qualifies_noun(text: str, end: int, share: bool = False) -> bool:
    """True when the number ending at ``end`` qualifies the noun after it (超过100万的城市, 160千瓦及以下的企业); a
    ``share`` (a percentage) of units that are to do something does not."""
    return bool(_CONDITION.match(text, end)) and not (share and _SHARE_DOES.match(text, end))


__all__ = ["TARGET_CUE", "no_goal", "qualifies_noun"]
