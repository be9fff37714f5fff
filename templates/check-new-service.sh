#!/usr/bin/env bash
# Shows that a service made from the template builds and passes its tests with no edit outside its folder and the
# root pom's module list: generates services/kit-check, runs its build (unit and integration tests against the real
# infrastructure), then removes it again whatever happened.
set -euo pipefail
cd "$(dirname "$0")/.."
cp pom.xml /tmp/pom.xml.before-kit-check
before=$(git status --porcelain --untracked-files=all | sort)
cleanup() {
  rm -rf services/kit-check
  cp /tmp/pom.xml.before-kit-check pom.xml
}
trap cleanup EXIT
templates/new-service.sh kit-check 8098
outside() { grep -v -e ' services/kit-check/' -e ' pom.xml$' || true; }
after=$(git status --porcelain --untracked-files=all | outside | sort)
if [[ "$after" != "$(echo "$before" | outside)" ]]; then
  echo "new-service.sh changed files outside services/kit-check and the root pom" >&2
  exit 1
fi
./mvnw -B verify -pl services/kit-check -am
echo "services/kit-check built and passed; removed again"
