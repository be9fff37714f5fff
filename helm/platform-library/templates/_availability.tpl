{{- define "platform-library.hpa" -}}
{{- if .Values.autoscaling.enabled -}}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "platform-library.fullname" . }}
  labels:
    {{- include "platform-library.labels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "platform-library.fullname" . }}
  minReplicas: {{ .Values.autoscaling.minReplicas }}
  maxReplicas: {{ .Values.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ .Values.autoscaling.targetCPUUtilizationPercentage }}
  behavior:
    scaleDown:
      # JVMs are slow to warm up: do not give capacity back on a short lull.
      stabilizationWindowSeconds: 300
{{- end -}}
{{- end -}}

{{- define "platform-library.pdb" -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "platform-library.fullname" . }}
  labels:
    {{- include "platform-library.labels" . | nindent 4 }}
spec:
  # maxUnavailable rather than minAvailable: with one replica (a small single-node cluster) a node can still be
  # drained, with two or more one pod at a time goes.
  maxUnavailable: {{ .Values.podDisruptionBudget.maxUnavailable }}
  selector:
    matchLabels:
      {{- include "platform-library.selectorLabels" . | nindent 6 }}
{{- end -}}

{{/*
Ingress to the pods: only from the peers in .Values.networkPolicy.from (the gateway for a service; the ingress
controller, the portal and the gateway clients for the gateway; the ingress controller for the portal) and, with a
ServiceMonitor, from Prometheus' namespace to the management port only. Egress is left to the cluster's default-deny policies in k8s/.
*/}}
{{- define "platform-library.networkPolicy" -}}
{{- if .Values.networkPolicy.enabled -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "platform-library.fullname" . }}
  labels:
    {{- include "platform-library.labels" . | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "platform-library.selectorLabels" . | nindent 6 }}
  policyTypes:
    - Ingress
  ingress:
    - from:
        {{- required "networkPolicy.from must list who may call the service" .Values.networkPolicy.from | toYaml | nindent 8 }}
      ports:
        - port: http
          protocol: TCP
    # Health and metrics: Prometheus' namespace (with a ServiceMonitor) and the release's health checks (helm test),
    # never the callers above. The kubelet's probes are not subject to NetworkPolicy.
    - from:
        {{- if .Values.serviceMonitor.enabled }}
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: {{ .Values.serviceMonitor.prometheusNamespace }}
        {{- end }}
        - podSelector:
            matchLabels:
              poverty-platform/health-check: "true"
      ports:
        - port: management
          protocol: TCP
{{- end -}}
{{- end -}}

{{- define "platform-library.serviceMonitor" -}}
{{- if .Values.serviceMonitor.enabled -}}
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ include "platform-library.fullname" . }}
  labels:
    {{- include "platform-library.labels" . | nindent 4 }}
    {{- with .Values.serviceMonitor.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  selector:
    matchLabels:
      {{- include "platform-library.selectorLabels" . | nindent 6 }}
  endpoints:
    - port: management
      path: /actuator/prometheus
      interval: {{ .Values.serviceMonitor.interval }}
{{- end -}}
{{- end -}}
