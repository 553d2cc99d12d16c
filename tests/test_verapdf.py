"""Every PDF the build makes, checked by veraPDF, the PDF Association's reference validator.

Two profiles: veraPDF's built-in PDF/UA-1 (ISO 14289-1) and its WCAG 2.2 machine profile
(a file, PDF_UA/WCAG-2-2-Machine.xml in github.com/veraPDF/veraPDF-validation-profiles).
Any failed rule fails the test, but one: the WCAG profile's 4.1.2-17 («redundant span»),
a heuristic that flags Spans holding nothing, which WeasyPrint writes for the white space
between inline elements (the workbook's scale had 28; dev-docs/tests.md). Its count
per file is written to the terminal and recorded as a property of the test (--junitxml).

veraPDF is found through the environment variable VERAPDF (the `verapdf` launcher), else
../shared/verapdf/verapdf beside the project; VERAPDF_WCAG_PROFILE names the WCAG profile
file, else profiles/WCAG-2-2-Machine.xml beside the launcher. Without veraPDF the tests
are skipped. Each profile runs once over all the PDFs, so Java starts twice, not ten times.

The project's own checks (test_pdf.py, test_workbook.py, test_handouts.py) stay: they say
what is wrong in words; veraPDF says whether a validator auditors use agrees.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from helpers import ROOT, Build
from macros.outputs import HANDOUT, WORKBOOK
from sitepages import HANDBOOK

DEFAULT_VERAPDF = ROOT.parent / "shared" / "verapdf" / "verapdf"
WCAG_PROFILE = "WCAG-2-2-Machine.xml"
INSTALL = ("install veraPDF 1.28 or later (https://verapdf.org/software, or Maven "
           "org.verapdf.apps:greenfield-apps) and set VERAPDF to its `verapdf` launcher")
TOLERATED = "4.1.2-17"  # WCAG profile: «redundant span», see the module's docstring
EXPECTED = {HANDBOOK, WORKBOOK, *(HANDOUT.format(number=n) for n in (1, 2, 3))}


@pytest.fixture(scope="module")
def launcher() -> Path:
    """veraPDF's launcher, or a skip that says how to install it (before the build is awaited)."""
    given = os.environ.get("VERAPDF", "").strip()
    path = Path(given) if given else DEFAULT_VERAPDF
    if not path.is_file():
        pytest.skip(f"veraPDF not found at {path}: {INSTALL}")
    return path


def profile_arguments(profile: str, launcher: Path) -> list[str]:
    if profile == "ua1":
        return ["--flavour", "ua1"]
    given = os.environ.get("VERAPDF_WCAG_PROFILE", "").strip()
    path = Path(given) if given else launcher.resolve().parent / "profiles" / WCAG_PROFILE
    if not path.is_file():
        pytest.skip(f"veraPDF's WCAG 2.2 machine profile not found at {path}: take PDF_UA/{WCAG_PROFILE} "
                    "from github.com/veraPDF/veraPDF-validation-profiles and set VERAPDF_WCAG_PROFILE")
    return ["--profile", str(path)]


def failed_rules(report: dict) -> dict[str, dict[str, int]]:
    """{file name: {"clause-test": failed checks}} from veraPDF's JSON report; a file veraPDF
    could not validate at all gets the rule "no result"."""
    found: dict[str, dict[str, int]] = {}
    for job in report["report"]["jobs"]:
        name = Path(job["itemDetails"]["name"]).name
        results = job.get("validationResult") or []
        rules = found.setdefault(name, {})
        if not results:
            rules["no result"] = 1
        for result in results:
            for rule in result["details"]["ruleSummaries"]:
                if rule["status"] == "failed":
                    rules[f"{rule['clause']}-{rule['testNumber']}"] = rule["failedChecks"]
    return found


@pytest.fixture(scope="module")
def pdfs(site: Build) -> list[Path]:
    found = sorted(site.site_dir.rglob("*.pdf"))
    assert {p.name for p in found} >= EXPECTED, "the build made fewer PDFs than expected"
    return found


@pytest.mark.parametrize("profile", ["ua1", "wcag-2-2-machine"])
def test_every_pdf_passes_verapdf(launcher: Path, pdfs: list[Path], profile: str,
                                  capsys: pytest.CaptureFixture[str], record_property) -> None:
    command = [str(launcher), *profile_arguments(profile, launcher), "--format", "json",
               *map(str, pdfs)]
    run = subprocess.run(command, capture_output=True, text=True, timeout=600)
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"veraPDF gave no JSON report (exit {run.returncode}): {run.stderr[-2000:]}")
    found = failed_rules(report)
    assert set(found) == {p.name for p in pdfs}, "veraPDF did not report on every PDF"
    tolerated = {name: rules.pop(TOLERATED, 0) for name, rules in found.items()}
    if profile != "ua1":
        line = f"veraPDF {profile}: {TOLERATED} («redundant span», tolerated) per PDF: {tolerated}"
        with capsys.disabled():  # shown by `make test`, not captured
            print("\n" + line)
        record_property(f"{TOLERATED} per PDF", json.dumps(tolerated, sort_keys=True))
    else:
        assert not any(tolerated.values()), "PDF/UA-1 has no 4.1.2-17: the report is not what it seems"
    failing = {name: rules for name, rules in found.items() if rules}
    assert not failing, f"veraPDF {profile}: failed rules (clause-test: checks) {failing}"
