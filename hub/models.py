"""Import every model module so ``Base.metadata`` knows all tables (Alembic, tests)."""

from hub.auth.models import ApiToken, Membership, User
from hub.datasets.changelog import ChangeLogEntry
from hub.datasets.models import AuditEntry, Dataset, Distribution, Organization, Revision
from hub.db import Base
from hub.harvesters.models import HarvestItem, HarvestJob, HarvestObject, HarvestSource
from hub.legal.models import LegalDocument, LegalFile, LegalRelation, ReviewFlag
from hub.quality.models import LinkCheck, QualityScore
from hub.records.models import RecordImport, RecordSet
from hub.search.models import SearchCount, SearchDocumentRow, SearchEntry, SearchNumber

__all__ = [
    "ApiToken",
    "AuditEntry",
    "Base",
    "ChangeLogEntry",
    "Dataset",
    "Distribution",
    "HarvestItem",
    "HarvestJob",
    "HarvestObject",
    "HarvestSource",
    "LegalDocument",
    "LegalFile",
    "LegalRelation",
    "LinkCheck",
    "Membership",
    "Organization",
    "QualityScore",
    "RecordImport",
    "RecordSet",
    "Revision",
    "ReviewFlag",
    "SearchCount",
    "SearchDocumentRow",
    "SearchEntry",
    "SearchNumber",
    "User",
]
