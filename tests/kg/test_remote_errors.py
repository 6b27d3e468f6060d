"""How the remote store's error answers become errors (503 for stops at a limit, 400 for the query's faults).

Texts marked "captured" are answers of the tests' real Virtuoso 7.2 (``virtuoso-t``), copied verbatim.
Virtuoso's endpoint words every error as ``Virtuoso <state> Error <message>`` then the query
(``DB.DBA.SPARQL_PROTOCOL_ERROR_REPORT``), with HTTP 400 when the query does not compile and 500
"SPARQL Request Failed" when it compiled but its run failed.
"""
from __future__ import annotations

from kg.errors import QueryError, QueryTimeout
from kg.sparql.errors import QuerySyntaxError
from kg.sparql.remote_errors import BackendError, error_for_status

QUERY = "\n\nSPARQL query:\ndefine input:default-graph-uri <urn:nikg:test:remote> PREFIX ex: <http://example.org/>\n"
# captured: X-SQL-Message of the 4-way cross join stopped at timeout=1500 (HTTP 200, X-SQL-State S1TAT)
ANYTIME = ("RC...: Returning incomplete results, query interrupted by result timeout.  Activity:  128.8K rnd  "
           "359.9M seq      0 same seg   128.8K same pg      0 same par      0 disk")
DIVISION = "Virtuoso 22012 Error SR084: Division by 0." + QUERY + "SELECT (1/0 AS ?x) WHERE {}"  # captured, 500
BAD_DATE = ("Virtuoso 22007 Error DT006: Cannot convert nope to datetime : Incorrect year delimiter" + QUERY +
            "SELECT ?x WHERE { BIND(xsd:dateTime('nope') AS ?x) }")  # captured, 500
SYNTAX = ("Virtuoso 37000 Error SP030: SPARQL compiler, line 4: syntax error at '.' before '}'" + QUERY +
          "SELECT ?s\nWHERE {\n  ?s ?p ?o ..\n}\nLIMIT 101\n")  # captured, 400


def test_an_anytime_stop_reported_as_an_error_is_a_timeout_whatever_the_status():
    for status in (400, 500):
        exc = error_for_status(status, f"Virtuoso S1TAT Error {ANYTIME}{QUERY}SELECT ...", 3.0, 1)
        assert isinstance(exc, QueryTimeout) and exc.status == 503 and exc.retry_after == 5
        assert "ran past the 3 s time limit" in str(exc) and "interrupted by result timeout" in str(exc)


def test_timeout_and_cancel_states_are_timeouts():
    for text in ("Virtuoso S1T00 Error SR171: Transaction timed out", "Virtuoso HYT00 Error SR...: Timeout expired",
                 "Virtuoso HY008 Error SR189: Async statement killed by SQLCancel.",
                 "Virtuoso 42000 Error The estimated execution time 431 (sec) exceeds the limit of 400 (sec)."):
        exc = error_for_status(500, text + QUERY, 3.0, 1)
        assert isinstance(exc, QueryTimeout) and exc.status == 503, text


def test_a_data_exception_of_a_valid_query_stays_the_querys_fault():
    for text, words in ((DIVISION, "Division by 0"), (BAD_DATE, "Cannot convert nope to datetime")):
        exc = error_for_status(500, text, 3.0, 1)
        assert type(exc) is QueryError and exc.status == 400
        assert str(exc).startswith("the SPARQL backend rejected the query: SR084" if "22012" in text
                                   else "the SPARQL backend rejected the query: DT006") and words in str(exc)


def test_a_syntax_error_is_400_with_the_users_line():
    exc = error_for_status(400, SYNTAX, 3.0, 1)
    assert isinstance(exc, QuerySyntaxError) and exc.status == 400 and exc.line == 3 and "line 3" in str(exc)


def test_any_other_failure_of_a_valid_query_is_the_stores_503():
    exc = error_for_status(500, "Virtuoso 42000 Error SR...: Internal error, aggregation subq has no select node"
                           + QUERY, 3.0, 1)
    assert isinstance(exc, BackendError) and exc.status == 503 and exc.retry_after == 5
    assert "the SPARQL backend failed running the query (500, 42000)" in str(exc)
    busy = error_for_status(500, "Virtuoso 40001 Error SR172: Transaction deadlocked" + QUERY, 3.0, 1)
    assert isinstance(busy, BackendError) and "too busy to run the query (40001" in str(busy)
    assert "retry in a few seconds" in str(busy)


def test_a_client_error_without_a_state_stays_400_and_credentials_are_named():
    assert type(error_for_status(400, "bad request", 3.0, 0)) is QueryError
    creds = error_for_status(401, "", 3.0, 0)
    assert isinstance(creds, BackendError) and "refused our credentials (401)" in str(creds)
