"""SHACL validation of the RDF output with pySHACL (``shapes.ttl`` + ``ontology.ttl``).

The shapes check what the RDF must say (participants, typed dates, certainty, status, source
references, amounts, language-tagged labels, Wikidata links); ``ontology.ttl`` supplies the
``rdfs:subClassOf`` axioms that let shapes targeting ``aig:Event`` reach every record class.

>>> from aigraph.validate import load
>>> report = validate_dataset(load("tests/fixtures/mini/graph"))
>>> report.conforms, report.violations
(True, [])
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import rdflib
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import SH

from .model import Dataset
from .vocab import DEFAULT_BASE, Iris

SHAPES_NS = "shapes#"  # aigsh: = {base}shapes#
SEVERITIES = ("Violation", "Warning", "Info")


@dataclass(frozen=True)
class ShaclResult:
    """One validation result, with terms shortened to the project's prefixes."""

    severity: str  # Violation | Warning | Info
    focus: str
    path: str  # "" when the constraint is on the node itself
    constraint: str  # e.g. sh:MinCountConstraintComponent
    value: str  # the offending value, "" when there is none (e.g. a missing property)
    shape: str  # the source shape's name, "" for an anonymous shape
    message: str

    def __str__(self) -> str:
        where = f"{self.focus} {self.path}".strip()
        detail = "; ".join(x for x in (f"value {self.value}" if self.value else "", self.constraint) if x)
        return f"{self.severity.lower()}: {where}: {self.message} ({detail})"

    def key(self) -> tuple:
        return (SEVERITIES.index(self.severity), self.focus, self.path, self.constraint, self.value,
                self.shape, self.message)


@dataclass(frozen=True)
class ShaclReport:
    results: tuple[ShaclResult, ...]

    @property
    def violations(self) -> list[ShaclResult]:
        return [r for r in self.results if r.severity == "Violation"]

    @property
    def warnings(self) -> list[ShaclResult]:
        return [r for r in self.results if r.severity != "Violation"]

    @property
    def conforms(self) -> bool:
        """True when there is no violation (warnings and infos are allowed)."""
        return not self.violations


def _resource_text(name: str, base: str) -> str:
    text = resources.files("aigraph").joinpath(name).read_text("utf-8")
    return text if base == DEFAULT_BASE else text.replace(DEFAULT_BASE, Iris(base).base)


def shapes_graph(base: str = DEFAULT_BASE) -> rdflib.Graph:
    """The SHACL shapes (``shapes.ttl``), rewritten for ``base`` when it is not the default."""
    return rdflib.Graph().parse(data=_resource_text("shapes.ttl", base), format="turtle")


def ontology_graph(base: str = DEFAULT_BASE) -> rdflib.Graph:
    """The vocabulary's axioms (``ontology.ttl``), rewritten for ``base`` when needed.

    >>> g = ontology_graph()
    >>> from rdflib import RDFS, URIRef
    >>> ns = "https://w3id.org/aigraph/ns#"
    >>> (URIRef(ns + "Hire"), RDFS.subClassOf, URIRef(ns + "TalentEvent")) in g
    True
    """
    return rdflib.Graph().parse(data=_resource_text("ontology.ttl", base), format="turtle")


class _Shortener:
    def __init__(self, base: str):
        prefixes = dict(Iris(base).prefixes())
        prefixes["aigsh"] = Iris(base).base + SHAPES_NS
        prefixes["sh"] = str(SH)
        # longest namespace first, so record: wins over a shorter match
        self.prefixes = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))

    def __call__(self, term) -> str:
        if term is None or isinstance(term, BNode):
            return ""
        if isinstance(term, URIRef):
            text = str(term)
            for prefix, ns in self.prefixes:
                local = text[len(ns):]
                if text.startswith(ns) and local and all(c.isalnum() or c in "-_." for c in local):
                    return f"{prefix}:{local}"
            return f"<{text}>"
        if isinstance(term, Literal):
            lexical = '"' + str(term).replace("\\", "\\\\").replace('"', '\\"') + '"'
            if term.language:
                return f"{lexical}@{term.language}"
            if term.datatype:
                return f"{lexical}^^{self(term.datatype)}"
            return lexical
        return str(term)


def report_results(report: rdflib.Graph, base: str = DEFAULT_BASE) -> tuple[ShaclResult, ...]:
    """The results of a pySHACL report graph, sorted (violations first)."""
    short = _Shortener(base)
    out = []
    for node in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        def one(prop):
            return report.value(node, prop)

        severity = str(one(SH.resultSeverity)).rsplit("#", 1)[-1]
        messages = sorted(str(m) for m in report.objects(node, SH.resultMessage))
        out.append(ShaclResult(severity, short(one(SH.focusNode)), short(one(SH.resultPath)),
                               short(one(SH.sourceConstraintComponent)), short(one(SH.value)),
                               short(one(SH.sourceShape)), messages[0] if messages else ""))
    return tuple(sorted(set(out), key=ShaclResult.key))


def validate_graph(data: rdflib.Graph, base: str = DEFAULT_BASE) -> ShaclReport:
    """Validate an RDF graph against the shapes (with the ontology's subclass axioms)."""
    import pyshacl

    _conforms, report, _text = pyshacl.validate(
        data, shacl_graph=shapes_graph(base), ont_graph=ontology_graph(base), inference="none",
        allow_warnings=True, allow_infos=True, advanced=False)
    return ShaclReport(report_results(report, base))


def validate_dataset(dataset: Dataset, base: str = DEFAULT_BASE) -> ShaclReport:
    """Build the dataset's RDF and validate it."""
    from .rdf_build import rdf_triples

    graph = rdflib.Graph()
    for triple in rdf_triples(dataset, base):
        graph.add(triple)
    return validate_graph(graph, base)


def validate_file(path: str | Path, base: str = DEFAULT_BASE) -> ShaclReport:
    """Parse an RDF file (format from its extension: .ttl, .nt, .jsonld, .rdf...) and validate it.

    Raises ``ValueError`` with a readable message when the file cannot be parsed.
    """
    from rdflib.util import guess_format

    path = Path(path)
    fmt = guess_format(str(path)) or ("json-ld" if path.suffix == ".jsonld" else "turtle")
    quiet = logging.getLogger("rdflib.term")  # it logs a traceback for every ill-typed literal
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)
    try:
        graph = rdflib.Graph().parse(path, format=fmt)
    except FileNotFoundError:
        raise ValueError(f"{path}: no such file") from None
    except Exception as exc:  # rdflib raises many parser-specific exception types
        raise ValueError(f"{path}: cannot parse as {fmt}: {exc}") from None
    finally:
        quiet.setLevel(level)
    return validate_graph(graph, base)
