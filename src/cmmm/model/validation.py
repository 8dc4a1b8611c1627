"""Rules that relate the parts of a model file to each other, checked after its shape is valid.

Each rule yields problems located by their path in the file (``elements[3].domains[0].subdomains[1]``), and
all rules run, so that the author of a model file sees every violation in one pass.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from cmmm.errors import Problem
from cmmm.model.schema import Model, Requirement, SubDomain


def semantic_problems(model: Model) -> list[Problem]:
    return [
        *_locale_problems(model),
        *_level_problems(model),
        *_method_problems(model),
        *_tree_problems(model),
        *_template_problems(model),
    ]


def _problem(location: str, zh: str, en: str) -> Problem:
    return Problem(location, zh, en)


def _localized_texts(model: Model) -> Iterator[tuple[str, dict[str, str]]]:
    """Every localized text of the model with its path, so locale coverage is checked in one place."""
    yield "title", model.title
    yield "publisher", model.publisher
    yield "provenance.statement", model.provenance.statement
    for i, level in enumerate(model.levels):
        yield f"levels[{i}].name", level.name
        yield f"levels[{i}].description", level.description
    for i, grade in enumerate(model.method.grades):
        yield f"method.grades[{i}].label", grade.label
    for i, band in enumerate(model.method.bands):
        yield f"method.bands[{i}].name", band.name
    for i, path in enumerate(model.paths):
        yield f"paths[{i}].name", path.name
    for i, template in enumerate(model.weight_templates):
        yield f"weight_templates[{i}].rationale", template.rationale
    for e, element in enumerate(model.elements):
        yield f"elements[{e}].name", element.name
        for d, domain in enumerate(element.domains):
            yield f"elements[{e}].domains[{d}].name", domain.name
            for s, sub in enumerate(domain.subdomains):
                base = f"elements[{e}].domains[{d}].subdomains[{s}]"
                yield f"{base}.name", sub.name
                for r, req in enumerate(sub.requirements):
                    yield from _requirement_texts(f"{base}.requirements[{r}]", req)


def _requirement_texts(base: str, req: Requirement) -> Iterator[tuple[str, dict[str, str]]]:
    yield f"{base}.text", req.text
    yield f"{base}.question", req.question
    for i, item in enumerate(req.evidence):
        yield f"{base}.evidence[{i}]", item
    if req.guidance is not None:
        yield f"{base}.guidance", req.guidance
    for path, text in req.text_by_path.items():
        yield f"{base}.text_by_path.{path}", text


def _locale_problems(model: Model) -> Iterator[Problem]:
    wanted = set(model.locales)
    for location, text in _localized_texts(model):
        missing = sorted(wanted - set(text))
        if missing:
            joined = ", ".join(missing)
            yield _problem(location, f"缺少语言 {joined} 的文本", f"text missing for locale(s) {joined}")


def _level_problems(model: Model) -> Iterator[Problem]:
    numbers = [level.number for level in model.levels]
    if numbers != list(range(1, len(numbers) + 1)):
        yield _problem("levels", "等级编号应从 1 起连续递增", "level numbers must run 1, 2, 3 ... in order")


def _method_problems(model: Model) -> Iterator[Problem]:
    method = model.method
    yield from _duplicates("method.grades", [g.id for g in method.grades], "等级标识", "grade id")
    if not any(g.points == 1 for g in method.grades):
        yield _problem(
            "method.grades",
            "应有一个分值为 1 的满足程度（全部满足）",
            "a grade worth 1 point (fully satisfied) is required",
        )
    if sum(1 for g in method.grades if g.points is None) > 1:
        yield _problem(
            "method.grades",
            "至多一个不适用（分值为空）的满足程度",
            "at most one not-applicable grade (points: null) is allowed",
        )
    band_levels = [b.level for b in method.bands]
    if band_levels != list(range(len(model.levels) + 1)):
        yield _problem(
            "method.bands",
            "分段应依次对应等级 0 至最高等级",
            "bands must cover levels 0 to the highest level, in order",
        )
    minimums = [b.min_score for b in method.bands]
    if minimums and minimums[0] != 0:
        yield _problem("method.bands[0].min_score", "第一个分段的下限应为 0", "the first band must start at 0")
    for i in range(1, len(minimums)):
        if minimums[i] <= minimums[i - 1]:
            yield _problem(f"method.bands[{i}].min_score", "分段下限应严格递增", "band minimums must strictly increase")


def _duplicates(location: str, ids: list[str], noun_zh: str, noun_en: str) -> Iterator[Problem]:
    for value, count in Counter(ids).items():
        if count > 1:
            yield _problem(
                location, f"{noun_zh} {value} 重复出现 {count} 次", f"{noun_en} {value} appears {count} times"
            )


def _tree_problems(model: Model) -> Iterator[Problem]:
    element_ids: list[str] = []
    domain_ids: list[str] = []
    sub_ids: list[str] = []
    req_ids: list[str] = []
    level_numbers = {level.number for level in model.levels}
    for e, element in enumerate(model.elements):
        element_ids.append(element.id)
        for d, domain in enumerate(element.domains):
            domain_ids.append(domain.id)
            for s, sub in enumerate(domain.subdomains):
                sub_ids.append(sub.id)
                base = f"elements[{e}].domains[{d}].subdomains[{s}]"
                req_ids.extend(r.id for r in sub.requirements)
                yield from _requirement_problems(base, sub, level_numbers)
    yield from _duplicates("elements", element_ids, "要素标识", "element id")
    yield from _duplicates("elements[].domains", domain_ids, "能力域标识", "domain id")
    yield from _duplicates("elements[].domains[].subdomains", sub_ids, "能力子域标识", "sub-domain id")
    yield from _duplicates("requirements", req_ids, "要求标识", "requirement id")


def _requirement_problems(base: str, sub: SubDomain, level_numbers: set[int]) -> Iterator[Problem]:
    """Ids are ``<sub-domain>.<level>.<n>`` with n = 1, 2, ... contiguous per level, in level order."""
    seen: dict[int, int] = {}
    last_level = 0
    for r, req in enumerate(sub.requirements):
        where = f"{base}.requirements[{r}]"
        sub_part, level_part, n_part = req.id.split(".")
        if req.level not in level_numbers:
            yield _problem(
                f"{where}.level",
                f"等级 {req.level} 未在 levels 中定义",
                f"level {req.level} is not defined in levels",
            )
        if sub_part != sub.id:
            yield _problem(
                f"{where}.id",
                f"要求标识 {req.id} 应以所属能力子域 {sub.id} 开头",
                f"requirement id {req.id} must start with its sub-domain id {sub.id}",
            )
        if int(level_part) != req.level:
            yield _problem(
                f"{where}.id",
                f"要求标识 {req.id} 中的等级与 level={req.level} 不一致",
                f"the level in requirement id {req.id} differs from level={req.level}",
            )
        if req.level < last_level:
            yield _problem(f"{where}.level", "要求应按等级从低到高排列", "requirements must be ordered by level")
        last_level = max(last_level, req.level)
        expected = seen.get(req.level, 0) + 1
        seen[req.level] = int(n_part)
        if int(n_part) != expected:
            yield _problem(
                f"{where}.id",
                f"要求标识 {req.id} 的序号应为 {expected}（同一等级内连续编号）",
                f"requirement id {req.id} should be numbered {expected} (contiguous per level)",
            )


def _template_problems(model: Model) -> Iterator[Problem]:
    path_ids = [p.id for p in model.paths]
    yield from _duplicates("paths", path_ids, "行业路径标识", "path id")
    domain_ids = {d.id for e in model.elements for d in e.domains}
    template_paths = [t.path for t in model.weight_templates]
    yield from _duplicates("weight_templates", template_paths, "权重模板路径", "weight template path")
    for path in sorted(set(path_ids) - set(template_paths)):
        yield _problem("weight_templates", f"行业路径 {path} 缺少权重模板", f"path {path} has no weight template")
    for t, template in enumerate(model.weight_templates):
        where = f"weight_templates[{t}]"
        if template.path not in path_ids:
            yield _problem(f"{where}.path", f"未定义的行业路径 {template.path}", f"unknown path {template.path}")
        for domain_id in sorted(domain_ids - set(template.weights)):
            yield _problem(f"{where}.weights", f"缺少能力域 {domain_id} 的权重", f"no weight for domain {domain_id}")
        for domain_id, weight in template.weights.items():
            if domain_id not in domain_ids:
                yield _problem(
                    f"{where}.weights.{domain_id}", f"未知的能力域 {domain_id}", f"unknown domain {domain_id}"
                )
            if weight <= 0:
                yield _problem(f"{where}.weights.{domain_id}", "权重应为正数", "weights must be positive")
    yield from _path_wording_problems(model, set(path_ids))


def _path_wording_problems(model: Model, path_ids: set[str]) -> Iterator[Problem]:
    for e, element in enumerate(model.elements):
        for d, domain in enumerate(element.domains):
            for s, sub in enumerate(domain.subdomains):
                for r, req in enumerate(sub.requirements):
                    for path in req.text_by_path:
                        if path not in path_ids:
                            where = f"elements[{e}].domains[{d}].subdomains[{s}].requirements[{r}].text_by_path"
                            yield _problem(f"{where}.{path}", f"未定义的行业路径 {path}", f"unknown path {path}")
