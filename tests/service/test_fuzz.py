"""Schema-driven fuzzing of every route against the real service over HTTP (schemathesis).

Each operation of the app's own OpenAPI document gets a bounded number of generated requests
(``NIKG_FUZZ_EXAMPLES``, default 15, so ``make test`` stays short; ``python -m bench fuzz`` runs
many more). Every response must not be a 5xx, must have a documented status and must match its
documented schema and media type (schemathesis' default checks).
"""
from __future__ import annotations

import os

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import positive_data_acceptance

EXAMPLES = int(os.environ.get("NIKG_FUZZ_EXAMPLES", "15"))
# Schema-valid values that name nothing in the graph (an unknown entity type, a made-up IRI) are
# rightly answered 400/404/422; the schema cannot enumerate the graph's vocabulary, so that one
# check is left out. Every other default check applies.
EXCLUDED = [positive_data_acceptance]


def fuzz(url: str, examples: int) -> tuple[int, list[str]]:
    """Run every operation of ``url``'s OpenAPI document; (requests sent, failures as text)."""
    schema = schemathesis.openapi.from_url(url + "/openapi.json")
    sent, failures = 0, []
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def run(case):
            nonlocal sent
            sent += 1
            case.call_and_validate(base_url=url, timeout=30, excluded_checks=EXCLUDED)

        try:
            run()
        except BaseException as exc:  # noqa: BLE001 (FailureGroup is a BaseExceptionGroup); one per operation
            failures.append(f"{operation.method.upper()} {operation.path}: {exc}"[:2000])
    return sent, failures


def test_every_route_answers_generated_requests_as_documented(live):
    sent, failures = fuzz(live.url, EXAMPLES)
    assert sent > 20 * EXAMPLES // 2
    assert not failures, "\n\n".join(failures)
