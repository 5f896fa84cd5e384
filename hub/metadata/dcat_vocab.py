"""Namespaces and code tables of the DCAT-AP 3.0.1 profile (``hub.metadata.dcat``).

The hub's codes (themes, access rights, frequencies, licences) already carry their EU
authority IRIs in ``hub.datasets.vocab``; this module adds what DCAT-AP needs besides:
languages, file types, media types, specifications a distribution conforms to, and the
reverse tables the parser uses to turn IRIs back into the hub's codes.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDFS, SKOS, XSD

from hub.datasets.vocab import ACCESS_RIGHTS, EU_AUTHORITY, FREQUENCIES, LICENCES, THEMES

DCATAP = Namespace("http://data.europa.eu/r5r/")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
LOCN = Namespace("http://www.w3.org/ns/locn#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
SCHEMA = Namespace("http://schema.org/")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
TIME = Namespace("http://www.w3.org/2006/time#")
# rdflib's closed DCAT namespace predates DCAT 3's dcat:version.
DCAT_VERSION = URIRef("http://www.w3.org/ns/dcat#version")

PREFIXES: dict[str, Namespace] = {
    "dcat": Namespace(str(DCAT)),
    "dcatap": DCATAP,
    "dct": Namespace(str(DCTERMS)),
    "foaf": Namespace(str(FOAF)),
    "vcard": VCARD,
    "spdx": SPDX,
    "locn": LOCN,
    "eli": ELI,
    "skos": Namespace(str(SKOS)),
    "rdfs": Namespace(str(RDFS)),
    "xsd": Namespace(str(XSD)),
}

IANA_MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"
FILE_TYPE = f"{EU_AUTHORITY}/file-type/"
LANGUAGE = f"{EU_AUTHORITY}/language/"
THEME_SCHEME = f"{EU_AUTHORITY}/data-theme"
AVAILABILITY = f"{EU_AUTHORITY}/planned-availability/"
PUBLISHER_TYPE = "http://purl.org/adms/publishertype/"

# ISO 639-1 (the hub's codes) -> EU language authority codes (ISO 639-2/B style).
LANGUAGES: dict[str, str] = {
    "vi": "VIE",
    "en": "ENG",
    "fr": "FRA",
    "de": "DEU",
    "zh": "ZHO",
    "ja": "JPN",
    "ko": "KOR",
    "km": "KHM",
    "lo": "LAO",
    "ru": "RUS",
    "th": "THA",
}
LANGUAGE_CODES = {eu: code for code, eu in LANGUAGES.items()}

# The hub's format names -> EU file-type codes. Names without an EU code (NDJSON) get
# no dct:format; their media type still says what they are.
FILE_TYPES: dict[str, str] = {
    "CSV": "CSV",
    "JSON": "JSON",
    "JSON-LD": "JSON_LD",
    "XLSX": "XLSX",
    "XLS": "XLS",
    "HTML": "HTML",
    "RSS": "RSS",
    "PDF": "PDF",
    "GEOJSON": "GEOJSON",
    "XML": "XML",
    "ZIP": "ZIP",
    "TXT": "TXT",
    "DOCX": "DOCX",
    "ODS": "ODS",
    "RDF": "RDF_XML",
    "TTL": "RDF_TURTLE",
    "SHP": "SHP",
    "KML": "KML",
}
FORMAT_NAMES = {eu: name for name, eu in FILE_TYPES.items()}

# Descriptor formats are JSON files that follow a specification: dct:format JSON and
# dct:conformsTo the specification, which also gives the format name back.
SPECIFICATIONS: dict[str, str] = {
    "Data Package": "https://specs.frictionlessdata.io/data-package/",
    "Fiscal Data Package": "https://specs.frictionlessdata.io/fiscal-data-package/",
    "CSVW": "http://www.w3.org/ns/csvw",
    "OC4IDS": "https://standard.open-contracting.org/infrastructure/",
}
SPECIFICATION_NAMES = {iri: name for name, iri in SPECIFICATIONS.items()}
SPECIFICATION_FILE_TYPE = "JSON"
# Media types whose format the EU list lacks: the parser names the format from them.
MEDIA_FORMATS = {"application/x-ndjson": "NDJSON"}

# Organization kinds -> ADMS publisher types.
PUBLISHER_TYPES: dict[str, tuple[str, str]] = {
    "province": ("RegionalAuthority", "Regional authority"),
    "department": ("RegionalAuthority", "Regional authority"),
    "commune": ("LocalAuthority", "Local authority"),
}


def _reverse(table: dict) -> dict[str, str]:
    return {term.iri: code for code, term in table.items() if term.iri}


THEME_CODES = _reverse(THEMES)
ACCESS_RIGHT_CODES = _reverse(ACCESS_RIGHTS)
FREQUENCY_CODES = _reverse(FREQUENCIES)
LICENCE_CODES = _reverse(LICENCES)
# Common licence IRIs other catalogs use instead of the EU authority ones.
LICENCE_CODES.update(
    {
        "https://creativecommons.org/licenses/by/4.0/": "CC-BY-4.0",
        "https://creativecommons.org/licenses/by-sa/4.0/": "CC-BY-SA-4.0",
        "https://creativecommons.org/publicdomain/zero/1.0/": "CC0-1.0",
        "https://opendatacommons.org/licenses/by/1-0/": "ODC-BY-1.0",
        "https://opendatacommons.org/licenses/odbl/1-0/": "ODbL-1.0",
        "https://opendatacommons.org/licenses/pddl/1-0/": "PDDL-1.0",
    }
)
# DCAT-AP 2 and some catalogs used the older frequency vocabulary of Dublin Core.
LEGACY_FREQUENCIES = {
    "http://purl.org/cld/freq/annual": "ANNUAL",
    "http://purl.org/cld/freq/monthly": "MONTHLY",
    "http://purl.org/cld/freq/weekly": "WEEKLY",
    "http://purl.org/cld/freq/daily": "DAILY",
    "http://purl.org/cld/freq/quarterly": "QUARTERLY",
    "http://purl.org/cld/freq/semiannual": "ANNUAL_2",
    "http://purl.org/cld/freq/biennial": "BIENNIAL",
    "http://purl.org/cld/freq/irregular": "IRREG",
    "http://purl.org/cld/freq/continuous": "CONT",
}
FREQUENCY_CODES.update(LEGACY_FREQUENCIES)
