"""``hub org ...`` and ``hub dataset ...``."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from hub.cli.common import operator, print_json
from hub.datasets import organizations as orgs
from hub.datasets import service as datasets
from hub.datasets.serialize import dataset_dict, organization_dict
from hub.datasets.vocab import CONTENT_TYPES, ORG_KINDS, STATES
from hub.db import get_session


@click.group()
def org() -> None:
    """Organizations: create, list, show, merge."""


@org.command("create")
@click.argument("slug")
@click.option("--title", required=True, help="Vietnamese title.")
@click.option("--title-en", default=None, help="English title.")
@click.option("--parent", default=None, help="Parent organization (slug, id or code).")
@click.option("--code", default=None, help="Agency code (QĐ 20/2020), e.g. 000.00.00.H49.")
@click.option("--kind", type=click.Choice(sorted(ORG_KINDS)), default="department")
@click.option("--website", default=None, help="URL of its component site.")
@click.option("--email", default=None)
@click.option("--phone", default=None)
@with_appcontext
def org_create(
    slug: str,
    title: str,
    title_en: str | None,
    parent: str | None,
    code: str | None,
    kind: str,
    website: str | None,
    email: str | None,
    phone: str | None,
) -> None:
    """Create an organization."""
    data = {
        "slug": slug,
        "title_vi": title,
        "title_en": title_en,
        "parent": parent,
        "agency_code": code,
        "kind": kind,
        "website": website,
        "email": email,
        "phone": phone,
    }
    created = orgs.create_organization(get_session(), operator(), data)
    click.echo(f"Created organization {created.slug} ({created.id})")


@org.command("list")
@click.option("--all", "include_merged", is_flag=True, help="Include merged organizations.")
@with_appcontext
def org_list(include_merged: bool) -> None:
    """List organizations: slug, agency code, kind, title."""
    for item in orgs.list_organizations(get_session(), include_merged=include_merged):
        merged = " (merged)" if item.successor_id else ""
        click.echo(f"{item.slug}\t{item.agency_code or '-'}\t{item.kind}\t{item.title_vi}{merged}")


@org.command("show")
@click.argument("ref")
@with_appcontext
def org_show(ref: str) -> None:
    """Show an organization as JSON (a merged one resolves to its successor)."""
    print_json(organization_dict(orgs.get_organization(get_session(), ref)))


@org.command("merge")
@click.argument("source")
@click.argument("target")
@click.option("--reason", default=None)
@with_appcontext
def org_merge(source: str, target: str, reason: str | None) -> None:
    """Merge SOURCE into TARGET: its datasets move, its slug and code keep resolving."""
    successor = orgs.merge_organization(get_session(), operator(), source, target, reason=reason)
    click.echo(f"Merged {source} into {successor.slug}")


@click.group()
def dataset() -> None:
    """Datasets: list, show and move through review."""


@dataset.command("list")
@click.option("--org", "organization", default=None)
@click.option("--state", type=click.Choice(sorted(STATES)), default=None)
@click.option("--type", "content_type", type=click.Choice(sorted(CONTENT_TYPES)), default=None)
@click.option("--limit", default=1000, type=click.IntRange(1, 100000), show_default=True)
@with_appcontext
def dataset_list(
    organization: str | None, state: str | None, content_type: str | None, limit: int
) -> None:
    """List datasets: slug, state, content type, title."""
    rows = datasets.list_datasets(
        get_session(),
        operator(),
        organization=organization,
        state=state,
        content_type=content_type,
        limit=limit,
    )
    for item in rows:
        click.echo(f"{item.slug}\t{item.state}\t{item.content_type}\t{item.title_vi}")


@dataset.command("show")
@click.argument("ref")
@with_appcontext
def dataset_show(ref: str) -> None:
    """Show a dataset as JSON."""
    print_json(dataset_dict(datasets.get_dataset(get_session(), operator(), ref)))


def _transition(ref: str, action: str, reason: str | None = None) -> None:
    result = datasets.transition(get_session(), operator(), ref, action, reason=reason)
    click.echo(f"{result.slug}: {result.state}")


@dataset.command("submit")
@click.argument("ref")
@with_appcontext
def dataset_submit(ref: str) -> None:
    """Submit a draft for review."""
    _transition(ref, "submit")


@dataset.command("publish")
@click.argument("ref")
@with_appcontext
def dataset_publish(ref: str) -> None:
    """Approve and publish (a draft is submitted first, both steps audited)."""
    if datasets.get_dataset(get_session(), operator(), ref).state == "draft":
        _transition(ref, "submit")
    _transition(ref, "approve")


@dataset.command("withdraw")
@click.argument("ref")
@click.option("--reason", required=True, help="Why it is taken down (required).")
@with_appcontext
def dataset_withdraw(ref: str, reason: str) -> None:
    """Withdraw a published dataset."""
    _transition(ref, "withdraw", reason)
