#!/usr/bin/env bash
# Rebuild the page agent's vendored JavaScript from npm: dom-accessibility-api (the W3C
# accessible-name and role computation behind Testing Library), bundled by esbuild into one
# IIFE that defines `__kioskA11y` in the guide's isolated world. The built file, its licence
# and its version are committed; kiosk/ui/web/bridge.py refuses a file of another version.
#
#   tools/vendor-js.sh            # then commit kiosk/ui/web/vendor/
set -euo pipefail
A11Y_VERSION=0.7.1     # keep in step with A11Y_VERSION in kiosk/ui/web/bridge.py
ESBUILD_VERSION=0.28.2
here="$(cd "$(dirname "$0")/.." && pwd)"
out="$here/kiosk/ui/web/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent "dom-accessibility-api@$A11Y_VERSION" "esbuild@$ESBUILD_VERSION"
cat > entry.js <<'JS'
export { computeAccessibleName, computeAccessibleDescription, getRole, isInaccessible, isDisabled } from "dom-accessibility-api";
JS
banner="/*! dom-accessibility-api $A11Y_VERSION (MIT, https://github.com/eps1lon/dom-accessibility-api), bundled by tools/vendor-js.sh with esbuild $ESBUILD_VERSION */"
mkdir -p "$out"
npx esbuild entry.js --bundle --format=iife --global-name=__kioskA11y --target=es2018 \
  --legal-comments=none --banner:js="$banner" --outfile="$out/dom-accessibility-api.js" --log-level=warning
cp node_modules/dom-accessibility-api/LICENSE.md "$out/dom-accessibility-api.LICENSE.md"
echo "vendored dom-accessibility-api $A11Y_VERSION into $out"
