{{/* Names, labels and the pieces every component shares. */}}

{{- define "aviary.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Resource names are `<fullname>-<component>`, so the full name leaves room for the longest suffix. */}}
{{- define "aviary.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "aviary.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels of every resource. Call with (dict "root" $ "component" "command-side"). */}}
{{- define "aviary.labels" -}}
helm.sh/chart: {{ include "aviary.chart" .root }}
{{ include "aviary.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: aviary
{{- with .root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "aviary.selectorLabels" -}}
app.kubernetes.io/name: {{ include "aviary.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- if .component }}
app.kubernetes.io/component: {{ .component }}
{{- end }}
{{- end -}}

{{/* Pods of this release, whatever their component (network policies). */}}
{{- define "aviary.releasePodSelector" -}}
app.kubernetes.io/name: {{ include "aviary.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* The metadata's `annotations:` block, indented by 2 and starting with a newline, or nothing. */}}
{{- define "aviary.annotations" -}}
{{- with .Values.commonAnnotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
{{- end }}
{{- end -}}

{{- define "aviary.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "aviary.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* `<registry>/<repository>:<tag>`; the tag falls back to image.tag, then to the chart's appVersion.
     Call with (dict "root" $ "image" .Values.commandSide.image). */}}
{{- define "aviary.image" -}}
{{- $registry := default .root.Values.image.registry .image.registry -}}
{{- $repository := .image.repository -}}
{{- if $registry -}}{{- $repository = printf "%s/%s" $registry .image.repository -}}{{- end -}}
{{- if .image.digest -}}
{{- printf "%s@%s" $repository .image.digest -}}
{{- else -}}
{{- printf "%s:%s" $repository (toString (default (default .root.Chart.AppVersion .root.Values.image.tag) .image.tag)) -}}
{{- end -}}
{{- end -}}

{{- define "aviary.commandSide.fullname" -}}{{ include "aviary.fullname" . }}-command-side{{- end -}}
{{- define "aviary.querySide.fullname" -}}{{ include "aviary.fullname" . }}-query-side{{- end -}}
{{- define "aviary.projections.fullname" -}}{{ include "aviary.fullname" . }}-projections{{- end -}}
{{- define "aviary.agents.fullname" -}}{{ include "aviary.fullname" . }}-worker-agent{{- end -}}

{{- define "aviary.commandUrl" -}}
{{- if .Values.config.commandUrl -}}
{{- .Values.config.commandUrl -}}
{{- else -}}
{{- printf "http://%s:%d" (include "aviary.commandSide.fullname" .) (int .Values.commandSide.service.port) -}}
{{- end -}}
{{- end -}}

{{/* Where answers of command-side point (`Location`): the public query host when there is one. */}}
{{- define "aviary.queryBaseUrl" -}}
{{- if .Values.config.queryBaseUrl -}}
{{- .Values.config.queryBaseUrl -}}
{{- else if .Values.ingress.enabled -}}
{{- printf "%s://%s" (ternary "https" "http" (gt (len .Values.ingress.tls) 0)) .Values.ingress.querySide.host -}}
{{- else -}}
{{- printf "http://%s:%d" (include "aviary.querySide.fullname" .) (int .Values.querySide.service.port) -}}
{{- end -}}
{{- end -}}

{{/* The command side as a browser reaches it (the web dashboard logs in and submits there). */}}
{{- define "aviary.commandPublicUrl" -}}
{{- if .Values.config.commandPublicUrl -}}
{{- .Values.config.commandPublicUrl -}}
{{- else if .Values.ingress.enabled -}}
{{- printf "%s://%s" (ternary "https" "http" (gt (len .Values.ingress.tls) 0)) .Values.ingress.commandSide.host -}}
{{- else -}}
{{- include "aviary.commandUrl" . -}}
{{- end -}}
{{- end -}}

{{/* Browser origins command-side accepts (CORS) for the web dashboard: the query side's public URL by default. */}}
{{- define "aviary.dashboardOrigins" -}}
{{- if .Values.config.dashboardOrigins -}}
{{- join "," .Values.config.dashboardOrigins -}}
{{- else -}}
{{- include "aviary.queryBaseUrl" . -}}
{{- end -}}
{{- end -}}

{{/* The heap follows the container's memory limit, so changing the limit is enough to resize the JVM.
     Call with (dict "root" $ "options" "<component options>"). */}}
{{- define "aviary.javaToolOptions" -}}
{{- $jvm := .root.Values.jvm -}}
{{- $options := list (printf "-XX:MaxRAMPercentage=%v" $jvm.maxRamPercentage) (printf "-XX:InitialRAMPercentage=%v" $jvm.initialRamPercentage) "-Djava.io.tmpdir=/tmp" -}}
{{- with $jvm.extraOptions }}{{- $options = append $options . -}}{{- end -}}
{{- with .options }}{{- $options = append $options . -}}{{- end -}}
{{- join " " $options -}}
{{- end -}}

{{/* Environment every app gets: profile, port, JVM options. Call with (dict "root" $ "values" <component values> "port" <port>). */}}
{{- define "aviary.commonEnv" -}}
- name: SPRING_PROFILES_ACTIVE
  value: {{ .root.Values.config.springProfiles | quote }}
- name: SERVER_PORT
  value: {{ .port | quote }}
- name: JAVA_TOOL_OPTIONS
  value: {{ include "aviary.javaToolOptions" (dict "root" .root "options" .values.jvmOptions) | quote }}
{{- end -}}

{{- define "aviary.kafkaEnv" -}}
- name: AVIARY_KAFKA_BOOTSTRAP
  value: {{ required "kafka.bootstrap is required" .Values.kafka.bootstrap | quote }}
{{- end -}}

{{- define "aviary.mongoEnv" -}}
{{- if .Values.mongodb.existingSecret -}}
- name: AVIARY_MONGODB_URI
  valueFrom:
    secretKeyRef:
      name: {{ .Values.mongodb.existingSecret }}
      key: {{ .Values.mongodb.uriKey }}
{{- else -}}
- name: AVIARY_MONGODB_URI
  value: {{ required "mongodb.uri or mongodb.existingSecret is required" .Values.mongodb.uri | quote }}
{{- end }}
- name: AVIARY_MONGO_DATABASE
  value: {{ .Values.mongodb.database | quote }}
{{- end -}}

{{/* What query-side and projections need to verify tokens. */}}
{{- define "aviary.verifierEnv" -}}
- name: AVIARY_COMMAND_URL
  value: {{ include "aviary.commandUrl" . | quote }}
{{- if .Values.config.jwksUrl }}
- name: AVIARY_JWKS_URL
  value: {{ .Values.config.jwksUrl | quote }}
{{- end }}
- name: AVIARY_AUTH_ISSUER
  value: {{ .Values.config.authIssuer | quote }}
{{- end -}}

{{/* Empty without an external issuer; else the lines, starting with a newline. */}}
{{- define "aviary.oidcEnv" -}}
{{- with .Values.auth.oidc }}
{{- if .issuerUri }}
- name: AVIARY_OIDC_ISSUER_URI
  value: {{ .issuerUri | quote }}
{{- if .jwksUri }}
- name: AVIARY_OIDC_JWKS_URI
  value: {{ .jwksUri | quote }}
{{- end }}
- name: AVIARY_OIDC_ROLES_CLAIM
  value: {{ .rolesClaim | quote }}
{{- end }}
{{- end }}
{{- end -}}

{{/* Soft or hard anti-affinity on the node, unless the component sets its own affinity (a DaemonSet needs none). */}}
{{- define "aviary.affinity" -}}
{{- if .values.affinity -}}
{{- toYaml .values.affinity -}}
{{- else if .daemonset -}}
{{- else if eq .root.Values.podAntiAffinity "soft" -}}
podAntiAffinity:
  preferredDuringSchedulingIgnoredDuringExecution:
    - weight: 100
      podAffinityTerm:
        topologyKey: kubernetes.io/hostname
        labelSelector:
          matchLabels:
            {{- include "aviary.selectorLabels" . | nindent 12 }}
{{- else if eq .root.Values.podAntiAffinity "hard" -}}
podAntiAffinity:
  requiredDuringSchedulingIgnoredDuringExecution:
    - topologyKey: kubernetes.io/hostname
      labelSelector:
        matchLabels:
          {{- include "aviary.selectorLabels" . | nindent 10 }}
{{- end -}}
{{- end -}}

{{/* The pod template of every app. Call with (dict "root" $ "component" <label> "values" <component values>
     "port" <container port> "env" <rendered env list> "volumes" <rendered extra volumes> "volumeMounts" <rendered mounts>). */}}
{{- define "aviary.podTemplate" -}}
{{- $root := .root -}}
{{- $values := .values -}}
metadata:
  labels:
    {{- include "aviary.labels" . | nindent 4 }}
    {{- with $values.podLabels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  {{- with $values.podAnnotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  serviceAccountName: {{ include "aviary.serviceAccountName" $root }}
  automountServiceAccountToken: {{ $root.Values.serviceAccount.automountServiceAccountToken }}
  {{- with $root.Values.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  securityContext:
    {{- toYaml $root.Values.podSecurityContext | nindent 4 }}
  terminationGracePeriodSeconds: {{ $values.terminationGracePeriodSeconds }}
  {{- with $values.priorityClassName }}
  priorityClassName: {{ . }}
  {{- end }}
  {{- with $values.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $values.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with (include "aviary.affinity" .) }}
  affinity:
    {{- . | nindent 4 }}
  {{- end }}
  {{- with $values.topologySpreadConstraints }}
  topologySpreadConstraints:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  containers:
    - name: {{ .component }}
      image: {{ include "aviary.image" (dict "root" $root "image" $values.image) | quote }}
      imagePullPolicy: {{ $root.Values.image.pullPolicy }}
      securityContext:
        {{- toYaml $root.Values.containerSecurityContext | nindent 8 }}
      ports:
        - name: http
          containerPort: {{ .port }}
          protocol: TCP
      env:
        {{- include "aviary.commonEnv" . | nindent 8 }}
        {{- .env | trim | nindent 8 }}
        {{- with $values.extraEnv }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- with $values.extraEnvFrom }}
      envFrom:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      startupProbe:
        httpGet:
          path: /actuator/health/liveness
          port: http
        periodSeconds: {{ $values.probes.startup.periodSeconds }}
        failureThreshold: {{ $values.probes.startup.failureThreshold }}
      livenessProbe:
        httpGet:
          path: /actuator/health/liveness
          port: http
        periodSeconds: {{ $values.probes.liveness.periodSeconds }}
        timeoutSeconds: {{ $values.probes.liveness.timeoutSeconds }}
        failureThreshold: {{ $values.probes.liveness.failureThreshold }}
      readinessProbe:
        httpGet:
          path: /actuator/health/readiness
          port: http
        periodSeconds: {{ $values.probes.readiness.periodSeconds }}
        timeoutSeconds: {{ $values.probes.readiness.timeoutSeconds }}
        failureThreshold: {{ $values.probes.readiness.failureThreshold }}
      resources:
        {{- toYaml $values.resources | nindent 8 }}
      volumeMounts:
        - name: tmp
          mountPath: /tmp
        {{- with .volumeMounts }}
        {{- . | nindent 8 }}
        {{- end }}
        {{- with $values.extraVolumeMounts }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
  volumes:
    - name: tmp
      emptyDir:
        sizeLimit: {{ $root.Values.tmpSizeLimit }}
    {{- with .volumes }}
    {{- . | nindent 4 }}
    {{- end }}
    {{- with $values.extraVolumes }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
{{- end -}}

{{/* A PodDisruptionBudget for a component with more than one pod. Call with (dict "root" $ "component" <label>
     "name" <resource name> "values" <component values> "replicas" <int>). */}}
{{- define "aviary.pdb" -}}
{{- if and .values.pdb.create (gt (int .replicas) 1) }}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ .name }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "aviary.labels" . | nindent 4 }}
  {{- include "aviary.annotations" .root }}
spec:
  maxUnavailable: {{ .values.pdb.maxUnavailable }}
  selector:
    matchLabels:
      {{- include "aviary.selectorLabels" . | nindent 6 }}
{{- end }}
{{- end -}}
