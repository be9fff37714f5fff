#!/usr/bin/env bash
# Shows that a service made from the template builds and passes its tests, and that the charts and k8s/ take it, with
# no edit outside its folder, its chart and the service list: generates services/kit-check, runs its build (unit and
# integration tests against the real infrastructure) and the deployment module's tests (charts rendered with it, k8s/
# checked), then removes it again whatever happened.
set -euo pipefail
cd "$(dirname "$0")/.."
# services/services.yaml and the files derived from it (deployment's ServiceList), and docs/tenancy.md, where the
# service's AccessIT writes its access table.
derived=(docs/tenancy.md services/services.yaml pom.xml devstack/pom.xml gateway/src/main/resources/application.yml helm/gateway/values.yaml
  helm/poverty-platform/Chart.yaml helm/poverty-platform/values.yaml helm/poverty-platform/values.schema.json
  helm/poverty-platform/templates/NOTES.txt k8s/postgres/databases.yaml k8s/postgres/cluster.yaml
  k8s/kafka/dead-letter-topics.yaml k8s/network-policies/gateway-to-services.yaml k8s/network-policies/services-to-data.yaml)
backup=$(mktemp -d)
tar -cf "$backup/derived.tar" "${derived[@]}"
before=$(git status --porcelain --untracked-files=all | sort)
cleanup() {
  rm -rf services/kit-check helm/kit-check
  tar -xf "$backup/derived.tar"
  rm -rf "$backup"
}
trap cleanup EXIT
templates/new-service.sh kit-check 8098 "a service made by templates/check-new-service.sh"
outside() {
  local line
  while IFS= read -r line; do
    local path=${line:3}
    case $path in services/kit-check/*|helm/kit-check/*) continue ;; esac
    [[ " ${derived[*]} " == *" $path "* ]] && continue
    echo "$line"
  done
}
after=$(git status --porcelain --untracked-files=all | outside | sort)
if [[ "$after" != "$(echo "$before" | outside | sort)" ]]; then
  echo "new-service.sh changed files outside services/kit-check, helm/kit-check and the service list's files:" >&2
  diff <(echo "$before" | outside | sort) <(echo "$after") >&2 || true
  exit 1
fi
./mvnw -B verify -pl services/kit-check,deployment -am -Daccess.write-docs=true
echo "services/kit-check built and passed, the charts and k8s/ took it; removed again"
