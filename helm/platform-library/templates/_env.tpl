{{/*
The container's environment: the port and JVM flags, the platform's external systems (from
.Values.global.platform, for the ones listed in .Values.uses), the chart's own plain values (.Values.env) and
Secret references (.Values.secretEnv). Secrets are only ever referenced by name and key, never inlined.
*/}}
{{- define "platform-library.secretRef" -}}
{{- $ref := index . 1 -}}
{{- if not (and $ref $ref.name $ref.key) -}}
{{- fail (printf "%s: a Secret reference needs name and key" (index . 0)) -}}
{{- end -}}
valueFrom:
  secretKeyRef:
    name: {{ $ref.name | quote }}
    key: {{ $ref.key | quote }}
{{- end -}}

{{/*
The platform's external systems when global.platform leaves them out: the in-cluster names of k8s/'s operators'
resources, kept here once (the umbrella's values.yaml documents and overrides them; a chart installed alone sets
global.platform in its own values). The issuer has no default: it is the realm's public address.
*/}}
{{- define "platform-library.platformDefaults" -}}
keycloak:
  url: http://keycloak-service.poverty-data.svc:8080
  realm: poverty-platform
kafka:
  brokers: poverty-kafka-kafka-bootstrap.poverty-data.svc:9093
  protocol: SASL_SSL
  caSecret:
    name: poverty-kafka-cluster-ca-cert
    key: ca.crt
postgres:
  host: poverty-postgres-rw.poverty-data.svc
  port: 5432
  sslMode: verify-full
  caSecret:
    name: poverty-postgres-ca
    key: ca.crt
redis:
  host: redis.poverty-data.svc
  port: 6379
  passwordSecret:
    name: redis
    key: password
{{- end -}}

{{- define "platform-library.env" -}}
{{- $given := ((.Values.global | default dict).platform | default dict) -}}
{{- $platform := mergeOverwrite (include "platform-library.platformDefaults" . | fromYaml) (deepCopy $given) -}}
{{- $uses := .Values.uses | default list -}}
- name: PORT
  value: {{ .Values.port | quote }}
- name: MANAGEMENT_SERVER_PORT
  value: {{ include "platform-library.managementPort" . | quote }}
- name: JAVA_TOOL_OPTIONS
  value: {{ .Values.javaToolOptions | quote }}
{{- if .Values.config }}
- name: SPRING_CONFIG_ADDITIONAL_LOCATION
  value: "optional:file:/config/"
{{- end }}
{{- if has "issuer" $uses }}
- name: PLATFORM_ISSUER_URI
  value: {{ required "global.platform.issuerUri is required" $platform.issuerUri | quote }}
{{- with $platform.keycloak }}{{ if .url }}
# The realm's keys from Keycloak's in-cluster address (the issuer is its public one).
- name: SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWKSETURI
  value: {{ printf "%s/realms/%s/protocol/openid-connect/certs" (trimSuffix "/" .url) (.realm | default "poverty-platform") | quote }}
# The realm at the same in-cluster address, for the portal's server-side calls (token, keys, user info).
- name: PLATFORM_ISSUER_BACKCHANNEL_URI
  value: {{ printf "%s/realms/%s" (trimSuffix "/" .url) (.realm | default "poverty-platform") | quote }}
{{- end }}{{ end }}
{{- end }}
{{- if has "kafka" $uses }}
- name: SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS
  value: {{ required "global.platform.kafka.brokers is required" ($platform.kafka | default dict).brokers | quote }}
{{- include "platform-library.kafkaEnv" (list . ($platform.kafka | default dict)) }}
{{- end }}
{{- if has "database" $uses }}
{{- $db := .Values.database -}}
{{- include "platform-library.databaseAddress" (list . $platform) }}
- name: DATABASE_APP_USER
  value: {{ required "database.appUser is required" $db.appUser | quote }}
- name: DATABASE_APP_PASSWORD
  {{- include "platform-library.secretRef" (list "database.appPasswordSecret" $db.appPasswordSecret) | nindent 2 }}
# The migration Job (_migrations.tpl) migrated before this rollout, as the owner: the pods hold no owner password.
- name: SPRING_FLYWAY_ENABLED
  value: "false"
- name: DATABASE_POOL_MAX_SIZE
  value: {{ include "platform-library.databasePool" . | quote }}
{{- end }}
{{- if has "keycloakAdmin" $uses }}
{{- $keycloak := required "global.platform.keycloak is required" $platform.keycloak }}
- name: KEYCLOAK_URL
  value: {{ required "global.platform.keycloak.url is required" $keycloak.url | quote }}
- name: KEYCLOAK_REALM
  value: {{ $keycloak.realm | default "poverty-platform" | quote }}
- name: KEYCLOAK_CLIENT_ID
  value: {{ required "keycloakClient.id is required" .Values.keycloakClient.id | quote }}
- name: KEYCLOAK_CLIENT_SECRET
  {{- include "platform-library.secretRef" (list "keycloakClient.secret" .Values.keycloakClient.secret) | nindent 2 }}
{{- end }}
{{- if has "redis" $uses }}
{{- $redis := required "global.platform.redis is required" $platform.redis }}
- name: SPRING_DATA_REDIS_HOST
  value: {{ required "global.platform.redis.host is required" $redis.host | quote }}
- name: SPRING_DATA_REDIS_PORT
  value: {{ $redis.port | default 6379 | quote }}
{{- if and $redis.passwordSecret $redis.passwordSecret.name }}
- name: SPRING_DATA_REDIS_PASSWORD
  {{- include "platform-library.secretRef" (list "global.platform.redis.passwordSecret" $redis.passwordSecret) | nindent 2 }}
{{- end }}
{{- end }}
{{- range $name := keys (.Values.env | default dict) | sortAlpha }}
- name: {{ $name }}
  value: {{ index $.Values.env $name | quote }}
{{- end }}
{{- range $name := keys (.Values.secretEnv | default dict) | sortAlpha }}
- name: {{ $name }}
  {{- include "platform-library.secretRef" (list (printf "secretEnv.%s" $name) (index $.Values.secretEnv $name)) | nindent 2 }}
{{- end }}
{{- end -}}

{{/*
The R2DBC pool's size per replica, from the database's connection budget: the most pods that can run at once (the
HPA's maxReplicas, or replicaCount, plus the one pod a rolling update adds) each hold their pool and, while starting,
one migration connection, and all of it must fit the budget, which is the service's share of PostgreSQL's
max_connections (docs/operations.md#sizing). database.poolMaxSize fixes the size instead; either way the chart fails
rather than render pods that could exhaust the server, or a pool below database.minPoolSize, the least a replica
works with (the outbox relay's claim, a county job's lock and its work, a consumer's or a request's transaction).
*/}}
{{- define "platform-library.databasePool" -}}
{{- $db := .Values.database -}}
{{- $budget := int (required "database.connectionBudget is required: the connections all of its pods may hold on its database (docs/operations.md#sizing)" $db.connectionBudget) -}}
{{- $floor := int ($db.minPoolSize | default 4) -}}
{{- $replicas := ternary .Values.autoscaling.maxReplicas .Values.replicaCount (.Values.autoscaling.enabled | default false) -}}
{{- $pods := add1 (int $replicas) -}}
{{- $pool := int ($db.poolMaxSize | default 0) -}}
{{- if eq $pool 0 -}}
{{- $pool = min 20 (sub (div $budget $pods) 1) -}}
{{- end -}}
{{- if lt $pool $floor -}}
{{- fail (printf "database: a pool of %d connections per replica is below database.minPoolSize (%d); %d pods at most (replicas %d plus one during a rolling update) need a database.connectionBudget of at least %d, or fewer replicas" $pool $floor $pods (int $replicas) (mul $pods (add1 $floor))) -}}
{{- end -}}
{{- if gt (mul $pods (add1 $pool)) $budget -}}
{{- fail (printf "database: %d pods at most (replicas %d plus one during a rolling update) x (a pool of %d + 1 migration connection) = %d connections, above database.connectionBudget (%d)" $pods (int $replicas) $pool (mul $pods (add1 $pool)) $budget) -}}
{{- end -}}
{{- $pool -}}
{{- end -}}
