"""aigraph: an open, reproducible knowledge graph of AI talent moves and capital flows.

The pipeline is ``load → validate → Dataset → to_networkx / to_rdf → write_*``.
"""
from .model import Dataset, Entity, Record, Source
from .problems import GraphError, Problem
from .validate import load, validate

__version__ = "0.1.0"
__all__ = ["Dataset", "Entity", "GraphError", "Problem", "Record", "Source", "load", "validate"]
