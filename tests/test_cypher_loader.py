"""The one .cypher loader (vanban.cypher): texts of the packaged files, a clear error for a missing one."""

import pytest

from vanban import cypher
from vanban.model import QueryError


def test_load_returns_the_packaged_file_text():
    text = cypher.load("vanban.graph", "stats_rels")
    assert "type(r)" in text and text == cypher.load("vanban.graph", "stats_rels")


def test_a_missing_file_is_named_in_the_error():
    with pytest.raises(QueryError, match=r"vanban/queries/no_such_query\.cypher is missing"):
        cypher.load("vanban.queries", "no_such_query")


def test_names_lists_the_queries_of_a_package():
    names = cypher.names("vanban.queries")
    assert "deadlines" in names and "lineage_up" in names and all(not n.endswith(".cypher") for n in names)
