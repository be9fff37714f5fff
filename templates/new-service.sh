#!/usr/bin/env bash
# Makes a new service from the service template: templates/new-service.sh <name> <port>
#   e.g. templates/new-service.sh supply-platform 8084
# It copies templates/service-template to services/<name>, renames its package (org.povertyalleviation.<name without
# dashes>), classes (<Name>Application, <Name>IT), artifact, application name, port and database (<name with _>),
# turns its image on, and adds the module to the root pom. The notice feature is the starting point to rename.
set -euo pipefail
cd "$(dirname "$0")/.."

name=${1:-}
port=${2:-}
if [[ ! $name =~ ^[a-z][a-z0-9]*(-[a-z0-9]+)*$ ]] || [[ ! $port =~ ^[0-9]{4,5}$ ]]; then
  echo "usage: templates/new-service.sh <name: lower-case words joined by dashes> <port>" >&2
  exit 2
fi
target=services/$name
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
sed -i "s|<name>$name: the skeleton a new service starts from (templates/new-service.sh)</name>|<name>$name</name>|" "$target/pom.xml"

# The root pom's module list: after the last service.
last=$(grep -n '<module>services/' pom.xml | tail -1 | cut -d: -f1)
sed -i "${last}a\\    <module>services/$name</module>" pom.xml
echo "services/$name: package org.povertyalleviation.$package, ${class}Application on port $port, database ${name//-/_}"
