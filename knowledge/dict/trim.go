//go:build ignore

// Trim writes the jieba dictionary that reportbot embeds: every word of
// gojieba's dictionary whose frequency is above -min, and every word, however
// rare, that occurs in the report. Rare words elsewhere are left to the HMM
// and the shorter words they contain; they could not match the report anyway.
// Loading the trimmed dictionary takes about half the memory and time.
//
//	go run knowledge/dict/trim.go -min 3 \
//	  $(go env GOMODCACHE)/github.com/yanyiwu/gojieba@v1.4.6/deps/cppjieba/dict/jieba.dict.utf8 \
//	  seeds/luoyang-2017-government-work-report.txt | gzip -9 -n > knowledge/dict/jieba.dict.utf8.gz
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
)

func main() {
	min := flag.Int("min", 3, "keep words more frequent than this")
	flag.Parse()
	if flag.NArg() != 2 {
		fmt.Fprintln(os.Stderr, "usage: go run trim.go [-min N] JIEBA_DICT REPORT")
		os.Exit(2)
	}
	report, err := os.ReadFile(flag.Arg(1))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	f, err := os.Open(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer f.Close()
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	text := string(report)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		fields := strings.Fields(line)
		if len(fields) < 2 {
			continue
		}
		freq, err := strconv.Atoi(fields[1])
		if err != nil {
			continue
		}
		if freq > *min || strings.Contains(text, fields[0]) {
			fmt.Fprintln(out, line)
		}
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
