#!/usr/bin/env bash
# Renders an HTML report to a PNG with headless Chromium, to look at it as a person would.
#   scripts/render-report.sh report.html [report.png] [width]
# Needs Chromium and a CJK font: apt-get install chromium fonts-noto-cjk
set -euo pipefail
html=${1:?usage: scripts/render-report.sh REPORT.html [OUT.png] [WIDTH]}
png=${2:-${html%.*}.png}
width=${3:-1100}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
  echo "render-report: no Chromium found; install it with: apt-get install chromium fonts-noto-cjk" >&2
  exit 69
fi
# A tall window: the page is cropped to it, and a report of forty units runs long.
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
  --window-size="${width},2600" --screenshot="$(readlink -f "$(dirname "$png")")/$(basename "$png")" \
  "file://$(readlink -f "$html")" >/dev/null 2>&1
echo "$png"
