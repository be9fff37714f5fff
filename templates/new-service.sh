#!/usr/bin/env bash
# Makes a new service from the service template: templates/new-service.sh <name> <port> ["<one-line summary>"]
#   e.g. templates/new-service.sh supply-platform 8084 "organisations, products, purchase orders, workshops and shares"
# It copies templates/service-template to services/<name>, renames its package (org.povertyalleviation.<name without
# dashes>), classes (<Name>Application, <Name>IT), artifact, application name, port and database (<name with _>),
# turns its image on, gives it a chart (helm/<name>, shop management's with the names changed), adds it to
# services/services.yaml and runs templates/sync-services.sh, which writes everything derived from that list (the
# root pom's modules, the devstack, the gateway's route, the umbrella chart, k8s/). The notice feature is the
# starting point to rename; the route's limits in services/services.yaml are the gateway's defaults until you change them.
set -euo pipefail
cd "$(dirname "$0")/.."

name=${1:-}
port=${2:-}
summary=${3:-"$name"}
if [[ ! $name =~ ^[a-z][a-z0-9]*(-[a-z0-9]+)*$ ]] || [[ ! $port =~ ^[0-9]{4,5}$ ]]; then
  echo "usage: templates/new-service.sh <name: lower-case words joined by dashes> <port>" >&2
  exit 2
fi
target=services/$name
if grep -q "^  - name: $name\$" services/services.yaml || [[ -e helm/$name ]]; then
  echo "$name is in services/services.yaml or helm/ already" >&2
  exit 1
fi
if grep -q "^    port: $port\$" services/services.yaml; then
  echo "port $port is another service's (services/services.yaml)" >&2
  exit 1
fi
if [[ -e $target ]]; then
  echo "$target exists already" >&2
  exit 1
fi
package=${name//-/}
class=$(echo "$name" | sed -E 's/(^|-)([a-z])/\U\2/g')

mkdir -p "$target"
(cd templates/service-template && tar --exclude=./target -cf - .) | (cd "$target" && tar -xf -)
for role in main test; do
  from=$target/src/$role/java/org/povertyalleviation/servicetemplate
  [[ -d $from ]] && mv "$from" "$target/src/$role/java/org/povertyalleviation/$package"
done
find "$target" -name 'ServiceTemplate*' | while read -r file; do
  mv "$file" "$(dirname "$file")/$(basename "$file" | sed "s/ServiceTemplate/$class/")"
done
find "$target" -type f \( -name '*.java' -o -name '*.xml' -o -name '*.yml' -o -name '*.json' -o -name '*.sql' \) -print0 \
  | xargs -0 sed -i -e "s/servicetemplate/$package/g" -e "s/ServiceTemplate/$class/g" -e "s/service-template/$name/g" \
      -e "s/8099/$port/g" -e 's|<image.skip>true</image.skip>|<image.skip>false</image.skip>|' \
      -e 's|<!-- The template builds no image; new-service.sh turns it on for the service it makes. -->|<!-- Container image (docs/adr/0006-container-images-with-jib.md), on the port server.port defaults to. -->|'
# The module's name says what it holds: the summary, escaped for XML, then for sed's replacement.
escaped_summary=$(printf '%s' "$summary" | sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' | sed 's/[&|\\]/\\&/g')
sed -i "s|<name>$name: the skeleton a new service starts from (templates/new-service.sh)</name>|<name>$name: $escaped_summary</name>|" "$target/pom.xml"

# Its chart: shop management's, renamed (every chart is the library's template with documented values).
database=${name//-/_}
cp -r helm/shop-management "helm/$name"
rm -rf "helm/$name/charts" "helm/$name/Chart.lock"
sed -i -e "s/shop-management/$name/g" -e "s/shop_management/$database/g" -e "s/^port: 8083\$/port: $port/" \
    -e "s|^description: .*|description: \"$name: $summary\"|" "helm/$name/Chart.yaml" "helm/$name/values.yaml"
# The values' opening paragraph (up to its first blank line) describes the service.
awk -v name="$name" -v summary="$summary" 'BEGIN { head = 1 }
  head && /^$/ { print "# " name " (services/" name "): " summary ". Installed by the umbrella chart poverty-platform, which"; print "# sets `global` (its values.yaml documents it); installed alone, set at least `global.platform.issuerUri`."; print ""; head = 0; next }
  !head { print }' "helm/$name/values.yaml" > "helm/$name/values.yaml.new"
mv "helm/$name/values.yaml.new" "helm/$name/values.yaml"

# The list, with the gateway's default limits for its route, and everything derived from it.
cat >> services/services.yaml <<LIST
  - name: $name
    port: $port
    summary: $summary
    gateway:
      timeout: 30s
LIST
templates/sync-services.sh
echo "services/$name: package org.povertyalleviation.$package, ${class}Application on port $port, database ${name//-/_}"
