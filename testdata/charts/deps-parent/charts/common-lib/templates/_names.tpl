{{- define "common-lib.fullname" -}}
{{ .Release.Name }}-{{ .Chart.Name }}
{{- end }}
