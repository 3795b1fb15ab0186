package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"
)

// repeat is a reader of n bytes b, made as they are read.
type repeat struct {
	b byte
	n int
}

func (r *repeat) Read(p []byte) (int, error) {
	if r.n == 0 {
		return 0, io.EOF
	}
	k := min(len(p), r.n)
	for i := range p[:k] {
		p[i] = r.b
	}
	r.n -= k
	return k, nil
}

// TestLineReader: a line longer than the limit is cut, its rest read and
// dropped without being held, and the next line comes whole.
func TestLineReader(t *testing.T) {
	in := io.MultiReader(strings.NewReader("第一行\n"), &repeat{'a', 50 << 20}, strings.NewReader("\n最后一行"))
	r := newLineReader(in, 100)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	var got []string
	var errs []error
	for {
		line, err := r.ReadString()
		got, errs = append(got, line), append(errs, err)
		if err != nil {
			break
		}
	}
	runtime.ReadMemStats(&after)
	if len(got) != 3 || got[0] != "第一行\n" || got[1] != strings.Repeat("a", 100) || got[2] != "最后一行" || errs[1] != nil || errs[2] != io.EOF {
		t.Errorf("lines %q, errors %v", got, errs)
	}
	if held := after.TotalAlloc - before.TotalAlloc; held > 1<<20 {
		t.Errorf("reading a 50 MB line allocated %d bytes", held)
	}
}

// TestAskLongLine: `ask --json` with a 100 MB line on standard input
// answers it (cut to 2,000 characters) and the next line, and the process
// never holds more than 250 MB. The peak is the process's own high-water
// mark (VmHWM), read while it waits for more input: the rusage of a child
// counts the test process's memory too (os/exec starts it sharing the
// test's address space until exec).
func TestAskLongLine(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	cmd := exec.Command(buildBinary(t), "ask", "--json")
	cmd.Dir = t.TempDir()
	cmd.Env = []string{"HOME=" + cmd.Dir, "REPORTBOT_CACHE_DIR=" + sharedCache(t), "REPORTBOT_DB=" + indexCopy(t, cmd.Dir+"/reportbot.db")}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var errOut bytes.Buffer
	cmd.Stderr = &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Wait()
	defer stdin.Close()
	go io.Copy(stdin, io.MultiReader(strings.NewReader("旅游"), &repeat{'a', 100 << 20}, strings.NewReader("\n今年GDP增长目标是多少\n")))
	out := bufio.NewReader(stdout)
	var lines []string
	for len(lines) < 2 {
		line, err := out.ReadString('\n')
		if err != nil {
			t.Fatalf("after %d result lines: %v: %s", len(lines), err, errOut.String())
		}
		lines = append(lines, line)
	}
	var first struct{ Question string }
	json.Unmarshal([]byte(lines[0]), &first)
	if n := utf8.RuneCountInString(first.Question); n != 2000 || !strings.HasPrefix(first.Question, "旅游aaa") {
		t.Errorf("the long line's question has %d characters, want 2000", n)
	}
	if !strings.Contains(lines[1], "8.8%") {
		t.Errorf("the line after it: %s", lines[1])
	}
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", cmd.Process.Pid))
	if err != nil {
		t.Skipf("no /proc to read the peak memory from: %v", err)
	}
	var peakKB int
	for _, l := range strings.Split(string(status), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			fmt.Sscan(v, &peakKB)
		}
	}
	if peakKB == 0 || peakKB > 250<<10 {
		t.Errorf("peak memory %d MB, want at most 250", peakKB>>10)
	}
}
