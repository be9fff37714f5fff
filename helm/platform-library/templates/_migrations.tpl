{{/*
The database's address (env entries), for the service's pods and its migration Job alike. With sslMode verify-ca or
verify-full both drivers check the server's certificate against the CA in global.platform.postgres.caSecret
(CloudNativePG's <cluster>-ca, copied into this namespace), mounted as a file: r2dbc-postgresql and pgjdbc read a PEM
root certificate from a path (sslRootCert, sslrootcert), not from a variable.
*/}}
{{- define "platform-library.databaseAddress" -}}
{{- $root := index . 0 -}}
{{- $platform := index . 1 -}}
{{- $pg := required "global.platform.postgres is required" $platform.postgres -}}
{{- $db := $root.Values.database -}}
{{- $address := printf "%s:%v/%s" (required "global.platform.postgres.host is required" $pg.host) $pg.port (required "database.name is required" $db.name) -}}
{{- $r2dbc := "" -}}
{{- $jdbc := "" -}}
{{- if $pg.sslMode -}}
{{- $r2dbc = printf "?sslMode=%s" $pg.sslMode -}}
{{- $jdbc = printf "?sslmode=%s" $pg.sslMode -}}
{{- end -}}
{{- if include "platform-library.databaseVerifiesServer" $platform -}}
{{- $r2dbc = printf "%s&sslRootCert=%s" $r2dbc (include "platform-library.databaseCaFile" .) -}}
{{- $jdbc = printf "%s&sslrootcert=%s" $jdbc (include "platform-library.databaseCaFile" .) -}}
{{- end }}
- name: DATABASE_R2DBC_URL
  value: {{ printf "r2dbc:postgresql://%s%s" $address $r2dbc | quote }}
- name: DATABASE_JDBC_URL
  value: {{ printf "jdbc:postgresql://%s%s" $address $jdbc | quote }}
{{- end -}}

{{/* "true" when the drivers verify the server's certificate (and so need the CA file), else empty. */}}
{{- define "platform-library.databaseVerifiesServer" -}}
{{- $pg := .postgres | default dict -}}
{{- if has ($pg.sslMode | default "") (list "verify-ca" "verify-full") -}}
{{- if not (and $pg.caSecret $pg.caSecret.name $pg.caSecret.key) -}}
{{- fail (printf "global.platform.postgres.caSecret (name and key) is required with sslMode %s" $pg.sslMode) -}}
{{- end -}}
true
{{- end -}}
{{- end -}}

{{- define "platform-library.databaseCaFile" -}}
/etc/poverty-platform/postgres-ca/ca.crt
{{- end -}}

{{/* The CA's volume and its mount (lists items), when the drivers verify the server; used with $platform. */}}
{{- define "platform-library.databaseCaVolume" -}}
{{- if include "platform-library.databaseVerifiesServer" . }}
- name: postgres-ca
  secret:
    secretName: {{ .postgres.caSecret.name | quote }}
    items:
      - key: {{ .postgres.caSecret.key | quote }}
        path: ca.crt
{{- end }}
{{- end -}}

{{- define "platform-library.databaseCaMount" -}}
{{- if include "platform-library.databaseVerifiesServer" . }}
- name: postgres-ca
  mountPath: /etc/poverty-platform/postgres-ca
  readOnly: true
{{- end }}
{{- end -}}

{{/* global.platform over the library's defaults, as every template reads it. */}}
{{- define "platform-library.platform" -}}
{{- $given := ((.Values.global | default dict).platform | default dict) -}}
{{- mergeOverwrite (include "platform-library.platformDefaults" . | fromYaml) (deepCopy $given) | toYaml -}}
{{- end -}}

{{/*
The service's migrations as a Job that Helm runs before the release's other resources are applied (pre-install,
pre-upgrade) and waits for: the release goes on only once it succeeded, so a new version's pods start on a migrated
schema, and a failed migration stops the upgrade with the old pods still serving. It runs the service's own image
(platform-core's DatabaseMigration: the same migrations in the same order as a service that migrates itself, and
nothing else of the service) as the database's owner; the service's pods hold only the app role's password.
Like any rolling upgrade, the old pods run on the new schema until they are replaced: migrations add, and remove only
what the previous release no longer used.
It is not the chart's ServiceAccount (a pre-install hook runs before that exists) and has no API token. Its pods are
labelled poverty-platform/database-migration=true, which k8s/network-policies lets reach PostgreSQL and nothing
else; they carry no app.kubernetes.io/name, so the Service, the PDB and the NetworkPolicy of the service never
select them.
*/}}
{{- define "platform-library.migrations" -}}
{{- if has "database" (.Values.uses | default list) -}}
{{- $given := ((.Values.global | default dict).platform | default dict) -}}
{{- $platform := mergeOverwrite (include "platform-library.platformDefaults" . | fromYaml) (deepCopy $given) -}}
{{- $db := .Values.database -}}
apiVersion: batch/v1
kind: Job
metadata:
  name: {{ include "platform-library.fullname" . }}-migrations
  labels:
    app.kubernetes.io/component: database-migration
    app.kubernetes.io/instance: {{ .Release.Name }}
    app.kubernetes.io/part-of: poverty-platform
    app.kubernetes.io/managed-by: {{ .Release.Service }}
  annotations:
    helm.sh/hook: pre-install,pre-upgrade
    # Before the county-tenant's or anything else's hooks of the same release.
    helm.sh/hook-weight: "-10"
    # A failed Job stays for its logs until the next attempt replaces it.
    helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
spec:
  backoffLimit: 2
  # A migration that takes longer is one to run by hand, in a maintenance window.
  activeDeadlineSeconds: 900
  template:
    metadata:
      # Not app.kubernetes.io/part-of: k8s/network-policies open Keycloak to every pod that has it.
      labels:
        app.kubernetes.io/component: database-migration
        app.kubernetes.io/instance: {{ .Release.Name }}
        poverty-platform/database-migration: "true"
    spec:
      restartPolicy: Never
      automountServiceAccountToken: false
      {{- with .Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        {{- include "platform-library.podSecurityContext" . | nindent 8 }}
      containers:
        - name: migrations
          image: {{ include "platform-library.image" . | quote }}
          imagePullPolicy: {{ .Values.image.pullPolicy | default ((.Values.global | default dict).image | default dict).pullPolicy | default "IfNotPresent" }}
          # Jib's layout (docs/adr/0006): the service's classpath, so its application.yml and migrations are there.
          command: ["java", "-cp", "/app/resources:/app/classes:/app/libs/*", "org.povertyalleviation.platform.DatabaseMigration"]
          env:
            - name: JAVA_TOOL_OPTIONS
              value: {{ .Values.javaToolOptions | quote }}
            {{- include "platform-library.databaseAddress" (list . $platform) | nindent 12 }}
            # The role the migrations grant data access to (spring.flyway.placeholders.app_role); its name only.
            - name: DATABASE_APP_USER
              value: {{ required "database.appUser is required" $db.appUser | quote }}
            - name: DATABASE_OWNER_USER
              value: {{ required "database.ownerUser is required" $db.ownerUser | quote }}
            - name: DATABASE_OWNER_PASSWORD
              {{- include "platform-library.secretRef" (list "database.ownerPasswordSecret" $db.ownerPasswordSecret) | nindent 14 }}
          resources:
            {{- required "resources.requests and resources.limits are required" .Values.resources | toYaml | nindent 12 }}
          securityContext:
            {{- include "platform-library.containerSecurityContext" . | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            {{- include "platform-library.databaseCaMount" $platform | nindent 12 }}
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: 256Mi
        {{- include "platform-library.databaseCaVolume" $platform | nindent 8 }}
{{- end -}}
{{- end -}}
