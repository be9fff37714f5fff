{{- define "county-tenant.code" -}}
{{- required "county.code is required" .Values.county.code | toString -}}
{{- end -}}

{{- define "county-tenant.name" -}}
{{- printf "county-%s" (include "county-tenant.code" .) -}}
{{- end -}}

{{- define "county-tenant.labels" -}}
app.kubernetes.io/name: county-tenant
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: poverty-platform
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
poverty-platform/county: {{ include "county-tenant.code" . | quote }}
{{- end -}}

{{- define "county-tenant.adminUsername" -}}
{{- .Values.firstAdministrator.username | default (printf "admin-%s" (include "county-tenant.code" .)) -}}
{{- end -}}

{{/* The registry's villagesCsv: the given CSV, or one built from county.townships (checked against the code). */}}
{{- define "county-tenant.villagesCsv" -}}
{{- $code := include "county-tenant.code" . -}}
{{- if .Values.county.townships -}}
township_code,township_name,village_code,village_name,poor,latitude,longitude
{{- range $township := .Values.county.townships }}
{{- if not (hasPrefix $code (toString $township.code)) }}{{ fail (printf "county.townships: township %v is not in county %s" $township.code $code) }}{{ end }}
{{- if not $township.villages }}{{ fail (printf "county.townships: township %v has no villages" $township.code) }}{{ end }}
{{- range $village := $township.villages }}
{{- if not (hasPrefix (toString $township.code) (toString $village.code)) }}{{ fail (printf "county.townships: village %v is not in township %v" $village.code $township.code) }}{{ end }}
{{ $township.code }},{{ $township.name }},{{ $village.code }},{{ $village.name }},{{ $village.poor | default false }},{{ $village.latitude | default "" }},{{ $village.longitude | default "" }}
{{- end }}
{{- end }}
{{- else -}}
{{- required "county.townships or county.villagesCsv is required" .Values.county.villagesCsv | trim -}}
{{- end -}}
{{- end -}}

{{/* The restricted pod-security profile for the Jobs' pods. */}}
{{- define "county-tenant.jobPod" -}}
metadata:
  labels:
    {{- include "county-tenant.labels" . | nindent 4 }}
    # A gateway client: may call the gateway and Keycloak (k8s/ network policies, the gateway's NetworkPolicy).
    poverty-platform/gateway-client: "true"
spec:
  restartPolicy: Never
  automountServiceAccountToken: false
  securityContext:
    runAsNonRoot: true
    runAsUser: {{ .Values.job.runAsUser }}
    runAsGroup: {{ .Values.job.runAsUser }}
    seccompProfile:
      type: RuntimeDefault
  volumes:
    - name: tmp
      emptyDir:
        sizeLimit: 16Mi
    - name: onboarding
      configMap:
        name: {{ include "county-tenant.name" . }}-onboarding
{{- end -}}

{{- define "county-tenant.container" -}}
image: {{ printf "%s:%s" .Values.job.image.repository .Values.job.image.tag | quote }}
imagePullPolicy: {{ .Values.job.image.pullPolicy }}
env:
  - name: COUNTY
    value: {{ include "county-tenant.code" . | quote }}
  - name: REGISTRY
    value: {{ .Values.countyRegistry.url | trimSuffix "/" | quote }}
  - name: TOKEN_URL
    value: {{ printf "%s/realms/%s/protocol/openid-connect/token" (trimSuffix "/" .Values.operatorClient.keycloakUrl) .Values.operatorClient.realm | quote }}
  - name: CLIENT_ID
    value: {{ .Values.operatorClient.clientId | quote }}
  - name: CLIENT_SECRET
    valueFrom:
      secretKeyRef:
        name: {{ .Values.operatorClient.secret.name | quote }}
        key: {{ .Values.operatorClient.secret.key | quote }}
resources:
  {{- toYaml .Values.job.resources | nindent 2 }}
securityContext:
  runAsNonRoot: true
  allowPrivilegeEscalation: false
  readOnlyRootFilesystem: true
  capabilities:
    drop:
      - ALL
  seccompProfile:
    type: RuntimeDefault
volumeMounts:
  - name: tmp
    mountPath: /tmp
  - name: onboarding
    mountPath: /onboarding
    readOnly: true
{{- end -}}
