"""Docs that describe data must not drift from it."""
from __future__ import annotations

from conftest import ROOT


def test_model_doc_names_every_kind_class_and_role():
    from aigraph.schema import load_schema

    text = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")
    schema = load_schema()
    for kind in schema.kinds.values():
        assert f"`{kind.name}`" in text, kind.name
        assert f"`aig:{kind.rdf_class}`" in text, kind.rdf_class
        for role in kind.roles.values():
            assert f"`aig:{role.rdf}`" in text, role.rdf


def test_readme_opens_with_the_two_commands():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    head = "\n".join(lines[:6])
    assert "make run" in head and "make test" in head


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
