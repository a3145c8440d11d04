package main

import "github.com/mimeo-dedup/mimeo/internal/scan"

// eachRecord is scan.EachRecord.
var eachRecord = scan.EachRecord
