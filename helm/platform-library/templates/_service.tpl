{{- define "platform-library.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "platform-library.fullname" . }}
  labels:
    {{- include "platform-library.labels" . | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "platform-library.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: {{ .Values.port }}
      targetPort: http
      protocol: TCP
    - name: management
      port: {{ include "platform-library.managementPort" . }}
      targetPort: management
      protocol: TCP
{{- end -}}

{{- define "platform-library.serviceAccount" -}}
{{- if .Values.serviceAccount.create -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "platform-library.serviceAccountName" . }}
  labels:
    {{- include "platform-library.labels" . | nindent 4 }}
# The services do not talk to the Kubernetes API.
automountServiceAccountToken: false
{{- end -}}
{{- end -}}

{{/* Spring configuration (.Values.config) as application.yaml, read from /config next to the jar's own. */}}
{{- define "platform-library.configData" -}}
application.yaml: |
  {{- toYaml .Values.config | nindent 2 }}
{{- end -}}

{{- define "platform-library.configMap" -}}
{{- if .Values.config -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "platform-library.fullname" . }}
  labels:
    {{- include "platform-library.labels" . | nindent 4 }}
data:
  {{- include "platform-library.configData" . | nindent 2 }}
{{- end -}}
{{- end -}}
