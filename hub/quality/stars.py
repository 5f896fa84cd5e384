"""The 5-star open data level of a dataset (https://5stardata.info), from its distributions.

Each star needs the ones before it:

1. on the web under an open licence: a distribution with an access URL and an open
   licence (one of the hub's licence table; ``other-closed`` has none, so 0 stars);
2. structured, machine-readable data (e.g. XLSX);
3. a machine-readable format that is also non-proprietary (e.g. CSV);
4. URIs and RDF: a distribution in an RDF serialisation (Turtle, RDF/XML, JSON-LD, ...),
   or the CSVW descriptor the hub serves for record datasets (``dct:conformsTo`` CSVW:
   every column and the table described in JSON-LD), or records the hub publishes as RDF
   (legal documents: each one an ELI resource at ``/legal/<id>``);
5. linked to other data: those RDF records link outward to other resources by IRI
   (a legal document's ELI relations to the documents it is based on, amends, repeals
   or cites). Nothing else counts: the hub cannot see inside a file's RDF.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hub.metadata.dcat_vocab import LICENCE_CODES, SPECIFICATIONS
from hub.quality.indicators import DistributionFacts

CSVW = SPECIFICATIONS["CSVW"]


@dataclass(frozen=True)
class LinkedData:
    """What the hub knows of a dataset's records beyond its distributions."""

    rdf_records: bool = False  # the records are served as RDF resources (ELI)
    links_outward: bool = False  # and those link to other resources by IRI


def star_level(dists: Sequence[DistributionFacts], linked: LinkedData = LinkedData()) -> int:
    open_on_web = [d for d in dists if d.access_urls and d.licence_iri in LICENCE_CODES]
    if not open_on_web:
        return 0
    kinds = [d.file_type for d in open_on_web]
    if not any(k and k.machine_readable for k in kinds):
        return 1
    if not any(k and k.machine_readable and k.non_proprietary for k in kinds):
        return 2
    rdf = any(k and k.rdf for k in kinds) or any(CSVW in d.conforms_to for d in open_on_web)
    if not (rdf or linked.rdf_records):
        return 3
    return 5 if linked.rdf_records and linked.links_outward else 4
