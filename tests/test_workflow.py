"""The hosted CI (.github/workflows/ci.yml) runs `make test` on every push and
`make linkcheck` on a weekly schedule — the same targets a developer runs."""

from __future__ import annotations

import re

import pytest
import yaml
from helpers import ROOT
from test_makefile import targets

WORKFLOW = ROOT / ".github" / "workflows" / "ci.yml"
_CONDITION = re.compile(r"^github\.event_name\s*(==|!=)\s*'([a-z_]+)'$")


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    # YAML 1.1 (PyYAML) reads the bare key `on` as the boolean True
    return workflow.get("on", workflow.get(True)) or {}


def commands(job: dict) -> list[str]:
    return [
        line.strip()
        for step in job.get("steps", [])
        for line in str(step.get("run", "")).splitlines()
        if line.strip() and not line.strip().startswith("#")
    ]


def runs_for(job: dict, event: str) -> bool:
    """Whether the job's `if:` lets ``event`` through. Understands only comparisons of
    github.event_name joined by || and &&; anything else fails the test, not guesses."""
    condition = str(job.get("if", "")).strip()
    condition = condition.removeprefix("${{").removesuffix("}}").strip()
    if not condition:
        return True
    alternatives = []
    for alternative in condition.split("||"):
        terms = []
        for term in alternative.split("&&"):
            match = _CONDITION.match(term.strip())
            assert match, f"cannot read the condition {condition!r}"
            terms.append((match[2] == event) == (match[1] == "=="))
        alternatives.append(all(terms))
    return any(alternatives)


def job_running(workflow: dict, command: str) -> dict:
    jobs = [job for job in workflow["jobs"].values() if command in commands(job)]
    assert len(jobs) == 1, f"exactly one job should run {command!r}"
    return jobs[0]


def test_every_push_runs_make_test(workflow):
    push = triggers(workflow)["push"]
    assert not push or not {"branches", "paths", "tags"} & set(push), "every push, unfiltered"
    job = job_running(workflow, "make test")
    assert runs_for(job, "push")
    assert not runs_for(job, "schedule")


def test_a_weekly_schedule_runs_make_linkcheck(workflow):
    crons = [entry["cron"] for entry in triggers(workflow)["schedule"]]
    assert crons
    for cron in crons:
        minute, hour, day, month, weekday = cron.split()
        assert minute.isdigit() and hour.isdigit()
        assert (day, month) == ("*", "*") and re.fullmatch(r"[0-6]", weekday), f"weekly: {cron}"
    job = job_running(workflow, "make linkcheck")
    assert runs_for(job, "schedule")
    assert not runs_for(job, "push"), "external links are not checked on every push"


def test_both_jobs_check_out_the_code_on_a_hosted_runner_with_a_time_limit(workflow):
    for command in ("make test", "make linkcheck"):
        job = job_running(workflow, command)
        assert job["runs-on"].startswith("ubuntu-")
        assert job["steps"][0]["uses"].startswith("actions/checkout@")
        assert 0 < job["timeout-minutes"] <= 90


def test_the_targets_the_workflow_calls_exist():
    assert {"test", "linkcheck"} <= set(targets())


def test_the_condition_reader_fails_on_what_it_cannot_read():
    assert runs_for({"if": "github.event_name != 'schedule'"}, "push")
    assert not runs_for({"if": "${{ github.event_name == 'schedule' }}"}, "push")
    with pytest.raises(AssertionError, match="cannot read"):
        runs_for({"if": "github.ref == 'refs/heads/main'"}, "push")
