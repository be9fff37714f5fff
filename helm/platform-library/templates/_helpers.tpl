{{/*
Names and labels. A service's resources are named after its chart (or fullnameOverride), not after the
release: the gateway and the county-tenant chart find the services by these stable DNS names
(county-registry, household-registry, shop-management) in the platform's namespace.
*/}}
{{- define "platform-library.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "platform-library.fullname" -}}
{{- default (include "platform-library.name" .) .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "platform-library.selectorLabels" -}}
app.kubernetes.io/name: {{ include "platform-library.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "platform-library.labels" -}}
{{ include "platform-library.selectorLabels" . }}
app.kubernetes.io/version: {{ include "platform-library.imageTag" . | quote }}
app.kubernetes.io/part-of: poverty-platform
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end -}}

{{- define "platform-library.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "platform-library.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The image tag: the service's own, else the umbrella's global one, else the chart's appVersion. */}}
{{- define "platform-library.imageTag" -}}
{{- $global := (.Values.global | default dict) -}}
{{- $globalImage := ($global.image | default dict) -}}
{{- .Values.image.tag | default $globalImage.tag | default .Chart.AppVersion | toString -}}
{{- end -}}

{{- define "platform-library.image" -}}
{{- $global := (.Values.global | default dict) -}}
{{- $globalImage := ($global.image | default dict) -}}
{{- $repository := .Values.image.repository -}}
{{- if $globalImage.repositoryPrefix -}}
{{- $repository = printf "%s/%s" (trimSuffix "/" $globalImage.repositoryPrefix) $repository -}}
{{- end -}}
{{- printf "%s:%s" $repository (include "platform-library.imageTag" .) -}}
{{- end -}}

{{/* The restricted pod-security profile, pod level. */}}
{{- define "platform-library.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.securityContext.runAsUser }}
runAsGroup: {{ .Values.securityContext.runAsGroup }}
fsGroup: {{ .Values.securityContext.runAsGroup }}
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* The restricted pod-security profile, container level. Shared with the hook pods of the other charts. */}}
{{- define "platform-library.containerSecurityContext" -}}
runAsNonRoot: true
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop:
    - ALL
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* Actuator's port (probes, Prometheus): never the port users and the gateway reach. */}}
{{- define "platform-library.managementPort" -}}
{{- if eq (int .Values.managementPort) (int .Values.port) -}}
{{- fail "managementPort must differ from port: health and metrics never share the port the Ingress and the gateway reach" -}}
{{- end -}}
{{- .Values.managementPort -}}
{{- end -}}
