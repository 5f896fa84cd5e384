"""``package_search``: CKAN's dataset search, as harvesters, mirrors and ckanapi call it.

How the parts meet:

- ``q`` and ``fq`` (and ``fq_list``) are parsed by ``hub.ckan.fq`` into one tree,
  all of it ANDed; ``field:value`` terms inside ``q`` filter like ``fq``. The tree is
  compiled to one SQL condition on the ``dataset`` table, values bound as parameters.
- Free text goes through the hub's search index (``hub.search``) for folding
  (``ngan sach`` finds ``ngân sách``) and ranking: with the database backend the
  index's own full-text match is a subquery of the condition, ranked by the same
  score as the hub's search (``sort=score desc``); with another backend the ids it
  finds are used (and ``score`` sorts fall back to recency). The index holds only
  published public datasets, so for datasets the caller sees beyond those
  (``include_private``/``include_drafts``/``include_deleted``) the same folded
  syllables are matched in Python over that small set; they rank after indexed hits.
- Whatever the index finds still passes the visibility rules and every fq term:
  the index only narrows, it never widens.
- Visibility: published PUBLIC datasets; ``include_private`` adds published non-public
  datasets in the caller's scope, ``include_drafts`` drafts (draft, pending, rejected,
  withdrawn) in the caller's scope, ``include_deleted`` deleted datasets the caller
  may review (editors of the organization, admins). Anonymous callers get public data.
- Count, facets and the page are SQL statements over that condition; a page loads its
  organizations and distributions in bulk.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    and_,
    exists,
    false,
    func,
    not_,
    or_,
    select,
    true,
    type_coerce,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import noload, selectinload
from sqlalchemy.sql.elements import ColumnElement

from hub.auth.principal import Principal
from hub.ckan import fq
from hub.ckan.errors import SearchError, ValidationError
from hub.ckan.packages import ckan_time, package_dict, theme_of_group
from hub.ckan.registry import Call, action
from hub.datasets.models import Dataset, Distribution, Organization
from hub.datasets.vocab import THEMES

MAX_ROWS = 1000
SMALL_RESULT = 1000  # matches fetched as ids and reused by the facets and the page
DEFAULT_ROWS = 10
DRAFT_STATES = ("draft", "pending", "rejected", "withdrawn")
FACET_FIELDS = ("organization", "groups", "tags", "res_format", "license_id")
SORT_COLUMNS = {
    "id": Dataset.id,
    "name": Dataset.slug,
    "metadata_modified": Dataset.metadata_modified,
    "metadata_created": Dataset.created_at,
    "title_string": Dataset.title_vi,
}
SCORE_DEFAULT = "score desc, metadata_modified desc"
NO_TEXT_DEFAULT = "metadata_modified desc"


# -- parameters ---------------------------------------------------------------------------


def _natural(call: Call, name: str, default: int, high: int | None = None) -> int:
    """A non-negative integer; CKAN rejects negative rows/start, and clamps rows."""
    value = call.params.get(name)
    if value is None or value == "":
        return default
    try:
        number = int(str(value).strip()) if not isinstance(value, bool) else -1
    except ValueError:
        number = -1
    if number < 0:
        raise ValidationError(
            f"{name}: must be a natural number", {name: ["Must be a natural number"]}
        )
    return min(number, high) if high is not None else number


def _strings(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value if v is not None]
    return [str(value)]


def _facet_fields(call: Call) -> list[str]:
    raw = call.params.get("facet.field")
    if raw in (None, ""):
        return []
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            raise ValidationError(
                "facet.field: not JSON", {"facet.field": ["Could not parse as valid JSON"]}
            ) from None
    if not isinstance(raw, list) or not all(isinstance(f, str) for f in raw):
        raise ValidationError(
            "facet.field: not a list", {"facet.field": ["Must be a list of field names"]}
        )
    unknown = [f for f in raw if f not in FACET_FIELDS]
    if unknown:
        raise SearchError(
            f"Search Query Error: cannot facet on {', '.join(unknown)}; "
            f"known: {', '.join(FACET_FIELDS)}"
        )
    return list(dict.fromkeys(raw))


def _facet_limit(call: Call) -> int | None:
    value = call.params.get("facet.limit")
    if value in (None, ""):
        return 50
    try:
        number = int(str(value))
    except ValueError:
        raise ValidationError(
            "facet.limit: invalid integer", {"facet.limit": ["Invalid integer"]}
        ) from None
    return None if number < 0 else number


@dataclass(frozen=True)
class SortKey:
    field: str
    descending: bool


def parse_sort(raw: str, has_text: bool) -> list[SortKey]:
    """``"name asc, metadata_modified desc"``; ``score`` without text means recency."""
    raw = raw.strip() or (SCORE_DEFAULT if has_text else NO_TEXT_DEFAULT)
    keys: list[SortKey] = []
    for part in raw.split(","):
        words = part.split()
        if not words:
            continue
        if len(words) > 2 or (len(words) == 2 and words[1].lower() not in ("asc", "desc")):
            raise SearchError(f"Search Query Error: cannot sort by '{part.strip()}'")
        name = words[0]
        if name not in SORT_COLUMNS and name != "score":
            raise SearchError(
                f"Search Query Error: cannot sort by '{name}'; "
                f"known: score, {', '.join(SORT_COLUMNS)}"
            )
        descending = len(words) == 2 and words[1].lower() == "desc"
        if name == "score" and not has_text:
            name, descending = "metadata_modified", True
        if all(k.field != name for k in keys):
            keys.append(SortKey(name, descending))
    return keys or [SortKey("metadata_modified", True)]


def sort_text(keys: list[SortKey]) -> str:
    return ", ".join(f"{k.field} {'desc' if k.descending else 'asc'}" for k in keys)


# -- visibility ---------------------------------------------------------------------------


def _in_scope(actor: Principal) -> ColumnElement[bool]:
    if actor.is_admin:
        return true()
    if not actor.is_authenticated or not actor.scope:
        return false()
    return Dataset.organization_id.in_(actor.scope)


def _reviewable(actor: Principal) -> ColumnElement[bool]:
    if actor.is_admin:
        return true()
    if actor.role != "editor" or not actor.scope:
        return false()
    return Dataset.organization_id.in_(actor.scope)


@dataclass(frozen=True)
class Visibility:
    public: ColumnElement[bool]
    hidden: ColumnElement[bool] | None  # what the caller sees beyond public data

    @property
    def condition(self) -> ColumnElement[bool]:
        return self.public if self.hidden is None else or_(self.public, self.hidden)


def visibility(actor: Principal, private: bool, drafts: bool, deleted: bool) -> Visibility:
    """Published PUBLIC data, plus what each flag adds within what the caller may see."""
    public = and_(Dataset.state == "published", Dataset.access_rights == "PUBLIC")
    if not actor.is_authenticated:
        return Visibility(public, None)
    extra = []
    if private:
        extra.append(
            and_(
                Dataset.state == "published",
                Dataset.access_rights != "PUBLIC",
                _in_scope(actor),
            )
        )
    if drafts:
        extra.append(and_(Dataset.state.in_(DRAFT_STATES), _in_scope(actor)))
    if deleted:
        extra.append(and_(Dataset.state == "deleted", _reviewable(actor)))
    return Visibility(public, or_(*extra) if extra else None)


# -- free text ----------------------------------------------------------------------------


@dataclass
class TextMatcher:
    """Free text to SQL: the search index for public data, a folded match for the rest."""

    call: Call
    hidden: ColumnElement[bool] | None
    _count: int = 0
    _hidden_rows: list[tuple[uuid.UUID, set[str], str]] | None = None
    _backend: Any = field(default=None)

    def __post_init__(self) -> None:
        from hub.search.service import get_backend

        self._backend = get_backend()
        self.dialect = self.call.session.get_bind().dialect.name

    @property
    def ranks(self) -> bool:
        from hub.search.database import DatabaseBackend

        return isinstance(self._backend, DatabaseBackend)

    def condition(self, words: str) -> ColumnElement[bool]:
        from hub.search.text import parse_query

        parsed = parse_query(words)
        if parsed.empty:
            return true()
        if self.ranks:
            found: ColumnElement[bool] = Dataset.id.in_(
                select(self.indexed(parsed, scored=False).c.dataset_id)
            )
        else:
            found = Dataset.id.in_(self._other_backend_ids(words))
        if self.hidden is not None:
            extra = self._folded_ids(parsed)
            if extra:
                found = or_(found, Dataset.id.in_(extra))
        return found

    def indexed(self, parsed: Any, scored: bool) -> Any:
        """(dataset_id[, score]) of the index's matching dataset documents, as a subquery."""
        self._count += 1
        return self._backend.matches(
            self.call.session.connection(),
            parsed,
            doc_type="dataset",
            scored=scored,
            tag=f"t{self._count}",
        )

    def _other_backend_ids(self, words: str) -> list[uuid.UUID]:
        from hub.search.base import SearchQuery

        result = self._backend.query(
            self.call.session.connection(),
            SearchQuery(text=words, filters={"type": ("dataset",)}, limit=10_000),
        )
        return [uuid.UUID(h.id.split(":", 1)[1]) for h in result.hits]

    def _folded_ids(self, parsed: Any) -> list[uuid.UUID]:
        from hub.search.text import syllables

        if self._hidden_rows is None:
            query = select(
                Dataset.id,
                Dataset.title_vi,
                Dataset.title_en,
                Dataset.description_vi,
                Dataset.description_en,
                Dataset.keywords,
            ).where(self.hidden)
            self._hidden_rows = []
            for row in self.call.session.execute(query):
                parts = [p for p in row[1:5] if p] + list(row[5] or [])
                tokens = syllables(" ".join(parts))
                self._hidden_rows.append((row[0], set(tokens), f" {' '.join(tokens)} "))
        wanted = list(parsed.required)
        phrases = [f" {' '.join(p)} " for p in parsed.phrases]
        if not wanted and not phrases:
            return []
        return [
            ident
            for ident, tokens, joined in self._hidden_rows
            if all(t in tokens for t in wanted) and all(p in joined for p in phrases)
        ]


# -- the fq tree as SQL -------------------------------------------------------------------


class Compiler:
    def __init__(self, matcher: TextMatcher) -> None:
        self.matcher = matcher
        self.dialect = matcher.dialect

    def compile(self, node: fq.Node) -> ColumnElement[bool]:
        if isinstance(node, fq.Everything):
            return true()
        if isinstance(node, fq.Text):
            return self.matcher.condition(node.words)
        if isinstance(node, fq.Not):
            return not_(self.compile(node.node))
        if isinstance(node, fq.And):
            return and_(*(self.compile(n) for n in merge_text(node.nodes)))
        if isinstance(node, fq.Or):
            return or_(*(self.compile(n) for n in node.nodes))
        if isinstance(node, fq.Range):
            return self.range(node)
        if isinstance(node, fq.Term):
            return self.term(node.field, node.value)
        raise SearchError("Search Query Error: unsupported query")

    def range(self, node: fq.Range) -> ColumnElement[bool]:
        column = SORT_COLUMNS[node.field]
        parts: list[ColumnElement[bool]] = []
        if node.low is not None:
            parts.append(column >= node.low if node.include_low else column > node.low)
        if node.high is not None:
            parts.append(column <= node.high if node.include_high else column < node.high)
        return and_(true(), *parts)

    def term(self, name: str, value: str) -> ColumnElement[bool]:
        kind = fq.FIELDS[name]
        if value == "*":
            return true()
        if kind == "organization":
            orgs = select(Organization.id).where(Organization.slug == value)
            return Dataset.organization_id.in_(orgs)
        if kind == "owner_org":
            return _uuid_equals(Dataset.organization_id, value)
        if kind == "id":
            return _uuid_equals(Dataset.id, value)
        if kind == "name":
            return Dataset.slug == value
        if kind == "license_id":
            return func.lower(Dataset.licence) == value.lower()
        if kind == "type":
            return true() if value == "dataset" else false()
        if kind == "groups":
            code = theme_of_group(value)
            return false() if code is None else self.contains(Dataset.themes, code)
        if kind == "tags":
            return self.contains(Dataset.keywords, value)
        if kind == "res_format":
            # Correlated on the dataset only: the res_format facet joins distributions too.
            found = select(Distribution.id).where(
                Distribution.dataset_id == Dataset.id,
                func.upper(Distribution.format) == value.upper(),
            )
            return exists(found.correlate_except(Distribution))
        raise SearchError(f"Search Query Error: cannot filter on '{name}'")

    def contains(self, column: Any, value: str) -> ColumnElement[bool]:
        """A JSON list column holding ``value``."""
        if self.dialect == "postgresql":
            return type_coerce(column, JSONB).contains([value])  # @>
        items = elements(column, self.dialect)
        return exists(select(items.c.value).where(items.c.value == value))


def elements(column: Any, dialect: str) -> Any:
    """The items of a JSON list column, as a table to join or select from."""
    if dialect == "postgresql":
        return func.jsonb_array_elements_text(column).table_valued("value")
    return func.json_each(column).table_valued("value")


def _uuid_equals(column: Any, value: str) -> ColumnElement[bool]:
    try:
        return column == uuid.UUID(value)
    except ValueError:
        return false()


def merge_text(nodes: Iterable[fq.Node]) -> list[fq.Node]:
    """Free words ANDed together are one query for the index (its ranking needs them all)."""
    nodes = list(nodes)
    words = [n.words for n in nodes if isinstance(n, fq.Text)]
    rest = [n for n in nodes if not isinstance(n, fq.Text)]
    return rest + ([fq.Text(" ".join(words))] if words else [])


def ranking_text(node: fq.Node) -> str:
    """The free text of q that ranks results: its top-level words."""
    if isinstance(node, fq.Text):
        return node.words
    if isinstance(node, fq.And):
        return " ".join(n.words for n in node.nodes if isinstance(n, fq.Text))
    return ""


# -- facets -------------------------------------------------------------------------------


@dataclass
class Facets:
    call: Call
    condition: ColumnElement[bool]
    limit: int | None
    mincount: int
    dialect: str

    def counts(self, name: str) -> list[tuple[str, str, int]]:
        """(name, display name, count), most frequent first."""
        method = getattr(self, f"_{name}")
        items = [item for item in method() if item[2] >= max(self.mincount, 1)]
        items.sort(key=lambda item: (-item[2], item[0]))
        return items if self.limit is None else items[: self.limit]

    def _grouped(self, column: Any, join: Any = None, distinct: bool = False) -> list[Any]:
        counted = func.count(func.distinct(Dataset.id)) if distinct else func.count()
        query = select(column, counted).select_from(Dataset)
        if join is not None:
            query = query.join(*join)
        query = query.where(self.condition).group_by(column)
        if self.mincount > 1:
            query = query.having(counted >= self.mincount)
        return list(self.call.session.execute(query))

    def _organization(self) -> list[tuple[str, str, int]]:
        rows = self._grouped(Dataset.organization_id)
        names = select(Organization.id, Organization.slug, Organization.title_vi).where(
            Organization.id.in_([r[0] for r in rows])
        )
        orgs = {ident: (slug, title) for ident, slug, title in self.call.session.execute(names)}
        return [(*orgs[i], n) for i, n in rows if i in orgs]

    def _license_id(self) -> list[tuple[str, str, int]]:
        from hub.datasets.vocab import LICENCES

        rows = self._grouped(Dataset.licence)
        return [(c, LICENCES[c].en if c in LICENCES else c, n) for c, n in rows]

    def _list_items(self, column: Any) -> list[Any]:
        items = elements(column, self.dialect)
        return self._grouped(items.c.value, join=(items, true()), distinct=True)

    def _groups(self) -> list[tuple[str, str, int]]:
        rows = self._list_items(Dataset.themes)
        return [(c.lower(), THEMES[c].vi, n) for c, n in rows if c in THEMES]

    def _tags(self) -> list[tuple[str, str, int]]:
        return [(t, t, n) for t, n in self._list_items(Dataset.keywords) if t]

    def _res_format(self) -> list[tuple[str, str, int]]:
        column = func.upper(Distribution.format)
        join = (Distribution, Distribution.dataset_id == Dataset.id)
        rows = self._grouped(column, join=join, distinct=True)
        return [(f, f, n) for f, n in rows if f]


def facet_results(
    facets: Facets, names: list[str], empty: bool = False
) -> tuple[dict[str, dict[str, int]], dict[str, Any]]:
    plain: dict[str, dict[str, int]] = {}
    detailed: dict[str, Any] = {}
    for name in names:
        items = [] if empty else facets.counts(name)
        plain[name] = {value: count for value, _, count in items}
        detailed[name] = {
            "title": name,
            "items": [{"name": v, "display_name": d, "count": n} for v, d, n in items],
        }
    return plain, detailed


# -- the action ---------------------------------------------------------------------------


def _query_tree(call: Call) -> tuple[fq.Node, str]:
    """q and every fq as one tree, and q's ranking text."""
    q_text = " ".join(_strings(call.params.get("q"))).strip()
    if q_text in ("*:*", "*"):
        q_text = ""
    q_tree = fq.parse(q_text)
    parts = [q_tree]
    for source in _strings(call.params.get("fq")) + _strings(call.params.get("fq_list")):
        parts.append(fq.parse(source))
    return fq.And(tuple(parts)), ranking_text(q_tree)


def _order(keys: list[SortKey], score: Any) -> list[Any]:
    order = []
    for key in keys:
        if key.field == "score":
            # Scores are lower-first; hits outside the index (private) come after.
            column = func.coalesce(score, 1e9) if score is not None else None
            if column is not None:
                order.append(column.desc() if not key.descending else column.asc())
            continue
        column = SORT_COLUMNS[key.field]
        order.append(column.desc() if key.descending else column.asc())
    if all(k.field != "id" for k in keys):
        order.append(Dataset.id.asc())  # a unique tie-breaker keeps paging stable
    return order


@action("package_search")
def package_search(call: Call) -> dict[str, Any]:
    """Search datasets: q, fq, rows (max 1000), start, sort, fl, facet.field, facet.limit,
    facet.mincount, include_private, include_drafts, include_deleted."""
    rows = _natural(call, "rows", DEFAULT_ROWS, MAX_ROWS)
    start = _natural(call, "start", 0)
    names = _facet_fields(call) if call.flag("facet", True) else []
    limit, mincount = _facet_limit(call), _natural(call, "facet.mincount", 1)
    seen = visibility(
        call.actor,
        call.flag("include_private"),
        call.flag("include_drafts"),
        call.flag("include_deleted"),
    )
    tree, ranking = _query_tree(call)
    keys = parse_sort(str(call.get("sort", "")), bool(ranking.strip()))
    matcher = TextMatcher(call, seen.hidden)
    condition = and_(seen.condition, Compiler(matcher).compile(tree))
    count, narrowed = _narrowed(call, condition)
    facets = Facets(call, narrowed, limit, mincount, matcher.dialect)
    plain, detailed = facet_results(facets, names, empty=not count)
    results: list[dict[str, Any]] = []
    if rows and start < count:
        results = _page(call, matcher, narrowed, keys, ranking, rows, start, _result_fields(call))
    return {
        "count": count,
        "results": results,
        "facets": plain,
        "search_facets": detailed,
        "sort": sort_text(keys),
    }


def _narrowed(call: Call, condition: ColumnElement[bool]) -> tuple[int, ColumnElement[bool]]:
    """The count, and the condition the facets and the page run on. A small result
    (the usual one with q and fq) is fetched once as ids: the facets and the page then
    read those rows by key instead of matching text and filters again each."""
    session = call.session
    ids = list(session.scalars(select(Dataset.id).where(condition).limit(SMALL_RESULT + 1)))
    if len(ids) <= SMALL_RESULT:
        return len(ids), Dataset.id.in_(ids) if ids else false()
    return session.scalar(
        select(func.count()).select_from(Dataset).where(condition)
    ) or 0, condition


def _page(
    call: Call,
    matcher: TextMatcher,
    condition: ColumnElement[bool],
    keys: list[SortKey],
    ranking: str,
    rows: int,
    start: int,
    wanted: list[str] | None = None,
) -> list[dict[str, Any]]:
    from hub.search.text import parse_query

    query = select(Dataset).where(condition)
    score = None
    if any(k.field == "score" for k in keys) and matcher.ranks:
        scored = matcher.indexed(parse_query(ranking), scored=True)
        query = query.outerjoin(scored, scored.c.dataset_id == Dataset.id)
        score = scored.c.score
    query = query.order_by(*_order(keys, score)).offset(start).limit(rows)
    if wanted and all(name in LIGHT_FIELDS for name in wanted):
        # Columns of the dataset row only: no organization, resources or extras to load
        # (a harvester listing every id and modification time pages through thousands).
        found = call.session.scalars(query.options(noload(Dataset.distributions)))
        return [{name: LIGHT_FIELDS[name](d) for name in wanted} for d in found]
    found = call.session.scalars(query.options(selectinload(Dataset.organization)))
    packages = [package_dict(d, call.base_url) for d in found]
    if wanted:
        return [{k: v for k, v in package.items() if k in wanted} for package in packages]
    return packages


# ``fl`` fields read from the dataset row alone.
LIGHT_FIELDS: dict[str, Callable[[Dataset], Any]] = {
    "id": lambda d: str(d.id),
    "name": lambda d: d.slug,
    "title": lambda d: d.title_vi,
    "metadata_modified": lambda d: ckan_time(d.metadata_modified),
    "metadata_created": lambda d: ckan_time(d.created_at),
}


def _result_fields(call: Call) -> list[str] | None:
    """``fl``: the fields each result keeps (a list, or names separated by commas or
    spaces); None for whole package dicts."""
    raw = call.params.get("fl")
    if raw in (None, "", []):
        return None
    names = raw if isinstance(raw, list) else str(raw).replace(",", " ").split()
    if not all(isinstance(n, str) and n for n in names):
        raise ValidationError("fl: not field names", {"fl": ["Must be a list of field names"]})
    return list(dict.fromkeys(names))
