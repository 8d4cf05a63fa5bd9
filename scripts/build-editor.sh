#!/usr/bin/env bash
# Rebuild web/static/editor.bundle.js (CodeMirror 6 + Python mode) from web/editor with esbuild.
# The bundle is committed, so machines without node can serve the app; run this after changing
# web/editor/src or web/editor/package.json.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root/web/editor"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
  npm ci --no-audit --no-fund
fi
./node_modules/.bin/esbuild src/editor.js --bundle --minify --format=iife --target=es2020 \
  --outfile="$root/web/static/editor.bundle.js"
wc -c "$root/web/static/editor.bundle.js"
