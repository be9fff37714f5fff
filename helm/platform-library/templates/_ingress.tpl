{{/*
An Ingress for the charts that face the outside (the portal; the gateway when the cluster's ingress is not
managed elsewhere). Off unless .Values.ingress.enabled; the services have no `ingress` values: they are reached
through the gateway only. One host, every path under .Values.ingress.path to the Service's http port. TLS ends
at the ingress controller with the certificate in .Values.ingress.tls.secretName (a kubernetes.io/tls Secret,
created beforehand or by cert-manager through an annotation); the chart never renders the Secret.
*/}}
{{- define "platform-library.ingress" -}}
{{- $ingress := .Values.ingress | default dict -}}
{{- if $ingress.enabled -}}
{{- $host := required "ingress.host is required when ingress.enabled" $ingress.host -}}
{{- $tls := $ingress.tls | default dict -}}
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: {{ include "platform-library.fullname" . }}
  labels:
    {{- include "platform-library.labels" . | nindent 4 }}
  {{- with $ingress.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  {{- with $ingress.className }}
  ingressClassName: {{ . | quote }}
  {{- end }}
  {{- if $tls.enabled }}
  tls:
    - hosts:
        - {{ $host | quote }}
      secretName: {{ $tls.secretName | default (printf "%s-tls" (include "platform-library.fullname" .)) | quote }}
  {{- end }}
  rules:
    - host: {{ $host | quote }}
      http:
        paths:
          - path: {{ $ingress.path | default "/" | quote }}
            pathType: Prefix
            backend:
              service:
                name: {{ include "platform-library.fullname" . }}
                port:
                  name: http
{{- end -}}
{{- end -}}
