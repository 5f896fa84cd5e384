"""What the quality score needs to know about file formats.

Keyed by the EU file-type authority code (the last segment of the ``dct:format`` IRI
the DCAT profile writes). For each: its IANA media types, whether software can read its
records without a person (machine-readable), whether it is an open, non-proprietary
format, and whether it is an RDF serialisation.

- Machine-readable: structured data (CSV, TSV, JSON, JSON-LD, GeoJSON, XML, the RDF
  serialisations, spreadsheets ODS/XLSX/XLS, GIS formats, feeds, YAML). Not PDF, HTML,
  plain text, word-processor files, images or archives (an archive says nothing of
  what it holds).
- Non-proprietary: published, openly specified formats free of one vendor (the EU's
  list of non-proprietary file types): CSV, TSV, JSON, JSON-LD, GeoJSON, XML, the RDF
  serialisations, ODS, KML, GML, GeoPackage, NetCDF, RSS, Atom, HTML, TXT, ZIP, DBF.
  Not XLSX, XLS, DOCX, DOC, SHP, nor PDF, which the EU list leaves out.
"""

from __future__ import annotations

from dataclasses import dataclass

from hub.metadata.dcat_vocab import FILE_TYPE, IANA_MEDIA_TYPES


@dataclass(frozen=True)
class FileType:
    code: str
    media_types: tuple[str, ...]
    machine_readable: bool
    non_proprietary: bool
    rdf: bool = False


_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_TABLE = (
    # code, media types, machine-readable, non-proprietary, RDF
    ("CSV", ("text/csv",), True, True, False),
    ("TSV", ("text/tab-separated-values",), True, True, False),
    ("JSON", ("application/json", "application/csvm+json"), True, True, False),
    ("JSON_LD", ("application/ld+json",), True, True, True),
    ("GEOJSON", ("application/geo+json", "application/vnd.geo+json"), True, True, False),
    ("XML", ("application/xml", "text/xml"), True, True, False),
    ("RDF_XML", ("application/rdf+xml",), True, True, True),
    ("RDF_TURTLE", ("text/turtle",), True, True, True),
    ("RDF_N_TRIPLES", ("application/n-triples",), True, True, True),
    ("RDF_N_QUADS", ("application/n-quads",), True, True, True),
    ("RDF_TRIG", ("application/trig",), True, True, True),
    ("ODS", ("application/vnd.oasis.opendocument.spreadsheet",), True, True, False),
    ("KML", ("application/vnd.google-earth.kml+xml",), True, True, False),
    ("GML", ("application/gml+xml",), True, True, False),
    ("GPKG", ("application/geopackage+sqlite3",), True, True, False),
    ("NETCDF", ("application/netcdf",), True, True, False),
    ("RSS", ("application/rss+xml",), True, True, False),
    ("ATOM", ("application/atom+xml",), True, True, False),
    ("YAML", ("application/yaml",), True, True, False),
    ("DBF", ("application/dbase",), True, True, False),
    ("XLSX", (_XLSX,), True, False, False),
    ("XLS", ("application/vnd.ms-excel",), True, False, False),
    ("SHP", ("application/vnd.shp",), True, False, False),
    ("HTML", ("text/html",), False, True, False),
    ("TXT", ("text/plain",), False, True, False),
    ("ZIP", ("application/zip",), False, True, False),
    ("PDF", ("application/pdf",), False, False, False),
    ("DOCX", (_DOCX,), False, False, False),
    ("DOC", ("application/msword",), False, False, False),
)
FILE_TYPES: dict[str, FileType] = {row[0]: FileType(*row) for row in _TABLE}
BY_MEDIA_TYPE: dict[str, FileType] = {m: t for t in FILE_TYPES.values() for m in t.media_types}
# Media types without an EU file type, judged on their own (not IANA-registered: x-).
UNLISTED_MEDIA: dict[str, FileType] = {
    "application/x-ndjson": FileType("NDJSON", ("application/x-ndjson",), True, True),
}
_IANA_TOP_LEVEL = {"application", "audio", "font", "image", "message", "model", "multipart", "text"}
_IANA_TOP_LEVEL |= {"video"}


def file_type_code(iri: str | None) -> str | None:
    """The EU code of a ``dct:format`` IRI; None for anything else (a literal, an IRI
    of another vocabulary)."""
    if iri and iri.startswith(FILE_TYPE):
        return iri[len(FILE_TYPE) :] or None
    return None


def media_type_name(iri: str | None) -> str | None:
    """``text/csv`` from its IANA IRI; None for an IRI of another authority."""
    if iri and iri.startswith(IANA_MEDIA_TYPES):
        return iri[len(IANA_MEDIA_TYPES) :].lower() or None
    return None


def file_type_in_vocabulary(iri: str | None) -> bool:
    """An IRI of the EU file-type authority table (any of its codes)."""
    return file_type_code(iri) is not None


def media_type_in_vocabulary(iri: str | None) -> bool:
    """An IANA media-type IRI naming a registrable type: a known top-level type and no
    ``x-`` subtype (those are private, never registered)."""
    media = media_type_name(iri)
    if media is None:
        return False
    top, _, sub = media.partition("/")
    return top in _IANA_TOP_LEVEL and bool(sub) and not sub.startswith("x-")


def judge(format_iri: str | None, media_iri: str | None) -> FileType | None:
    """What a distribution is, from its format, else from its media type."""
    code = file_type_code(format_iri)
    if code is not None and code in FILE_TYPES:
        return FILE_TYPES[code]
    media = media_type_name(media_iri)
    if media is None:
        return None
    return BY_MEDIA_TYPE.get(media) or UNLISTED_MEDIA.get(media)
