"""Importers of third-party data into graph directories of their own.

Each importer module (:mod:`~aigraph.importers.aiwatch`, :mod:`~aigraph.importers.donations`,
:mod:`~aigraph.importers.ftm`) is a pure function from ``(line, row)`` pairs to records;
:func:`aigraph.importers.run.run_import` reads the file and writes the directory.
"""
