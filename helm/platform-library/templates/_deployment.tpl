{{- define "platform-library.deployment" -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "platform-library.fullname" . }}
  labels:
    {{- include "platform-library.labels" . | nindent 4 }}
spec:
  {{- if not .Values.autoscaling.enabled }}
  replicas: {{ .Values.replicaCount }}
  {{- end }}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      {{- include "platform-library.selectorLabels" . | nindent 6 }}
  strategy:
    type: RollingUpdate
    rollingUpdate:
      # A new pod must be ready before an old one goes: no capacity is lost during an upgrade.
      maxUnavailable: 0
      maxSurge: 1
  template:
    metadata:
      labels:
        {{- include "platform-library.selectorLabels" . | nindent 8 }}
        {{- with .Values.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- if or .Values.config .Values.podAnnotations }}
      annotations:
        {{- if .Values.config }}
        # A configuration change rolls the pods.
        checksum/config: {{ include "platform-library.configData" . | sha256sum }}
        {{- end }}
        {{- with .Values.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- end }}
    spec:
      serviceAccountName: {{ include "platform-library.serviceAccountName" . }}
      automountServiceAccountToken: false
      {{- with .Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        {{- include "platform-library.podSecurityContext" . | nindent 8 }}
      terminationGracePeriodSeconds: {{ .Values.terminationGracePeriodSeconds }}
      topologySpreadConstraints:
        {{- range .Values.topologySpread }}
        - maxSkew: {{ .maxSkew | default 1 }}
          topologyKey: {{ .topologyKey }}
          whenUnsatisfiable: {{ .whenUnsatisfiable | default "ScheduleAnyway" }}
          labelSelector:
            matchLabels:
              {{- include "platform-library.selectorLabels" $ | nindent 14 }}
          matchLabelKeys:
            - pod-template-hash
        {{- end }}
      {{- with .Values.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .Values.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: {{ include "platform-library.name" . }}
          image: {{ include "platform-library.image" . | quote }}
          imagePullPolicy: {{ .Values.image.pullPolicy | default ((.Values.global | default dict).image | default dict).pullPolicy | default "IfNotPresent" }}
          ports:
            - name: http
              containerPort: {{ .Values.port }}
              protocol: TCP
            # Actuator (probes, Prometheus) on a port of its own: the Service's http port, which the Ingress and the
            # gateway reach, serves no health or metrics; the NetworkPolicy lets only the scraper call this one.
            - name: management
              containerPort: {{ include "platform-library.managementPort" . }}
              protocol: TCP
          env:
            {{- include "platform-library.env" . | nindent 12 }}
          startupProbe:
            # The JVM's start (migrations ran before, in the migration Job): up to failureThreshold x periodSeconds before liveness counts.
            httpGet:
              path: /actuator/health/liveness
              port: management
            periodSeconds: 5
            failureThreshold: {{ .Values.probes.startupFailureThreshold }}
          livenessProbe:
            httpGet:
              path: /actuator/health/liveness
              port: management
            periodSeconds: 10
            timeoutSeconds: 3
            failureThreshold: 3
          readinessProbe:
            httpGet:
              path: /actuator/health/readiness
              port: management
            periodSeconds: 5
            timeoutSeconds: 3
            failureThreshold: 3
          resources:
            {{- required "resources.requests and resources.limits are required" .Values.resources | toYaml | nindent 12 }}
          securityContext:
            {{- include "platform-library.containerSecurityContext" . | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            {{- if has "database" (.Values.uses | default list) }}
            {{- include "platform-library.databaseCaMount" (include "platform-library.platform" . | fromYaml) | nindent 12 }}
            {{- end }}
            {{- if .Values.config }}
            - name: config
              mountPath: /config
              readOnly: true
            {{- end }}
      volumes:
        # The root filesystem is read-only; the JVM and multipart uploads write to /tmp.
        - name: tmp
          emptyDir:
            sizeLimit: {{ .Values.tmpSizeLimit }}
        {{- if has "database" (.Values.uses | default list) }}
        {{- include "platform-library.databaseCaVolume" (include "platform-library.platform" . | fromYaml) | nindent 8 }}
        {{- end }}
        {{- if .Values.config }}
        - name: config
          configMap:
            name: {{ include "platform-library.fullname" . }}
        {{- end }}
{{- end -}}
