{{/* Everything a service needs; a service chart's only template is {{ include "platform-library.all" . }}. */}}
{{- define "platform-library.all" -}}
{{- if not (and .Values.resources .Values.resources.requests .Values.resources.limits) -}}
{{- fail "resources.requests and resources.limits are both required" -}}
{{- end -}}
{{- range $part := list "migrations" "serviceAccount" "configMap" "service" "deployment" "hpa" "pdb" "networkPolicy" "serviceMonitor" "prometheusRule" "ingress" }}
{{- $rendered := include (printf "platform-library.%s" $part) $ | trim }}
{{- if $rendered }}
---
{{ $rendered }}
{{- end }}
{{- end }}
{{- end -}}
