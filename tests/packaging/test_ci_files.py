"""CI proves what a newcomer gets: .ci/run runs the README's commands, the workflows run .ci/run."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
CI_RUN = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _ci_command(name: str) -> str:
    match = re.search(rf'^{name}="(.+)"$', CI_RUN, re.MULTILINE)
    assert match, f"{name} not found in .ci/run"
    return match.group(1)


def test_ci_runs_the_readme_set_up_commands_verbatim() -> None:
    blocks = re.findall(r"```sh\n(.+?)\n```", README, re.DOTALL)
    assert blocks == [_ci_command("APP_COMMAND"), _ci_command("TEST_COMMAND")]


def test_ci_always_tests_in_a_new_virtualenv_and_runs_the_checkers_first() -> None:
    order = ["new_venv test-venv", "run_checkers", "run_tests", "build_bundle", "check_app_install"]
    main = CI_RUN[CI_RUN.index("\ninstall_system_packages\n") :]
    assert [main.index(step) for step in order] == sorted(main.index(step) for step in order)
    assert "mktemp -d" in CI_RUN and '-m venv "$dir"' in CI_RUN
    for checker in ("ruff check .", "ruff format --check .", "mypy", "check-jsonschema"):
        assert checker in CI_RUN


def test_ci_fails_when_pytest_collects_nothing() -> None:
    assert "status == 5" in CI_RUN and 'sys.exit("== FAIL: no test ran")' in CI_RUN


def test_github_ci_runs_ci_run_on_linux_and_the_tests_on_windows_and_macos() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "push" in triggers and "pull_request" in triggers
    linux = workflow["jobs"]["linux"]
    assert linux["runs-on"].startswith("ubuntu")
    assert [s["run"] for s in linux["steps"] if "run" in s] == ["bash .ci/run"]
    tests = workflow["jobs"]["tests"]
    assert {os.split("-")[0] for os in tests["strategy"]["matrix"]["os"]} == {"windows", "macos"}
    readme_test = _ci_command("TEST_COMMAND").replace("python3 ", "python ")
    assert [s["run"] for s in tests["steps"] if "run" in s] == [readme_test]


def test_the_lock_covers_every_dependency_and_respects_the_pins() -> None:
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import lockfile
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    from packaging.requirements import Requirement

    lock = lockfile.read_lock(ROOT / "requirements" / "lock.txt")
    project = _pyproject()
    wanted = project["dependencies"] + [r for extras in project["extras"].values() for r in extras]
    for text in wanted:
        requirement = Requirement(text)
        if requirement.marker is not None and not requirement.marker.evaluate():
            continue
        pin = lock.get(requirement.name.lower().replace("_", "-"))
        assert pin is not None, f"{requirement.name} is not in requirements/lock.txt (run scripts/lock)"
        assert requirement.specifier.contains(pin.version), f"lock has {pin.name}=={pin.version}: {text}"


def test_build_installer_refuses_versions_other_than_the_lock(tmp_path: Path) -> None:
    lock = tmp_path / "lock.txt"
    lock.write_text("pyyaml==0.0.1\n", encoding="utf-8")
    script = (
        "import sys; sys.path.insert(0, 'packaging'); import lockfile; from pathlib import Path; "
        f"print(lockfile.differences(Path({str(lock)!r}), {{'pyyaml'}}))"
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert "the lock has 0.0.1" in out.stdout
    assert "lockfile.differences(lock, lockfile.bundled_names())" in (
        ROOT / "scripts" / "build-installer"
    ).read_text(encoding="utf-8")


def _pyproject() -> dict[str, list[str]]:
    import tomllib

    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {"dependencies": data["dependencies"], "extras": data["optional-dependencies"]}
