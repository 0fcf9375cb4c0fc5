#!/usr/bin/env bash
# Copy the journeys' screenshots the AppStream metainfo shows into packaging/screenshots/.
# The journeys (tests/journeys/) write them to tests/artifacts/journeys/ when they run:
#   make test   (or: pytest tests/journeys), then: bash packaging/update-screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
shots=tests/artifacts/journeys
# name in packaging/screenshots/  <-  journey folder/shot
while read -r name source; do
  if [ ! -f "$shots/$source" ]; then
    echo "update-screenshots: $shots/$source is missing: run the journeys first (make test)." >&2
    exit 1
  fi
  cp "$shots/$source" "packaging/screenshots/$name"
done <<'LIST'
home-fa.png      learner-guest-fa-1280/01-home.png
home-en.png      learner-guest-en-1920/01-home.png
lesson-fa.png    learner-guest-fa-1280/11-practice-02-mobile.png
lesson-en.png    learner-guest-en-1920/11-practice-02-mobile.png
get-help-fa.png  get-help-fa-1280/08-guided-national-id.png
get-help-en.png  get-help-en-1920/08-guided-national-id.png
LIST
echo "update-screenshots: packaging/screenshots/ updated from $shots."
