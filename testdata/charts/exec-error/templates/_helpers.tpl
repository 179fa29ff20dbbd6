{{- define "exec-error.image" -}}
{{ include "exec-error.registry" . }}/app:{{ .Values.image.tag }}
{{- end }}

{{- define "exec-error.registry" -}}
{{ .Values.image.registry.host }}
{{- end }}
