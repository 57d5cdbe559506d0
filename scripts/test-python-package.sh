#!/usr/bin/env bash
# The Python package as its users get it: `pip install --no-build-isolation
# ./python` into a fresh `python3 -m venv --system-site-packages` (Debian's
# setuptools, pybind11, dask; nothing downloaded), then the binding and Dask
# tests against the installed module, run from outside the source tree.
# Usage: scripts/test-python-package.sh [BUILD_DIR]
#   With BUILD_DIR (scripts/test.sh passes build/), pip reuses that CMake
#   build (LIBNORM_BUILD_DIR) so CI spends seconds, not a second full build;
#   without it pip configures and builds libnorm from scratch, as a user's
#   `pip install ./python` does.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
build=${1:-}
venv=$(mktemp -d)
trap 'rm -rf "$venv"' EXIT
/usr/bin/python3 -m venv --system-site-packages "$venv"
env_vars=()
if [[ -n "$build" ]]; then env_vars+=("LIBNORM_BUILD_DIR=$repo/$build"); fi
env "${env_vars[@]}" "$venv/bin/pip" install --quiet --no-build-isolation --no-index "$repo/python"
norm_cli="$repo/${build:-build}/tools/norm/norm"
if [[ ! -x "$norm_cli" ]]; then norm_cli=$(command -v norm); fi
cd "$venv"
for t in test_binding.py test_dask.py; do
  env -u PYTHONPATH LIBNORM_EXPECT_PREFIX="$venv" NORM_CLI="$norm_cli" PYTHONDONTWRITEBYTECODE=1 \
    "$venv/bin/python" "$repo/tests/python/$t"
done
echo "python package: installed in a fresh venv, binding and Dask tests pass"
