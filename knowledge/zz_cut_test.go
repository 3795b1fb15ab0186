package knowledge

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestZZCut(t *testing.T) {
	qs := os.Getenv("CUT")
	if qs == "" {
		t.Skip()
	}
	kb, err := Open(context.Background(), Config{Path: "/tmp/zzdebug.db"})
	if err != nil {
		t.Fatal(err)
	}
	defer kb.Close()
	for _, q := range strings.Split(qs, ",") {
		fmt.Println(q, kb.seg.Tag(q))
	}
}

func TestZZKnown(t *testing.T) {
	ws := os.Getenv("KNOWN")
	if ws == "" {
		t.Skip()
	}
	kb, err := Open(context.Background(), Config{Path: "/tmp/zzdebug.db"})
	if err != nil {
		t.Fatal(err)
	}
	defer kb.Close()
	for _, w := range strings.Split(ws, ",") {
		fmt.Println(w, kb.known(w), strings.Contains(kb.texts.text, w), kb.lex.zh[w] != nil)
	}
	q := "感冒发烧应该吃什么药？"
	tags := kb.seg.Tag(q)
	fmt.Println(kb.unknownContent(tags, nil))
}
