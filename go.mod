module github.com/mimeo-dedup/mimeo

go 1.24.0

require golang.org/x/text v0.34.0

require github.com/spf13/pflag v1.1.0
