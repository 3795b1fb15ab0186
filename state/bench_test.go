package state

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"reportbot/internal/pgtest"
)

// BenchmarkClaimAndRecord: what one digest post costs the state: a claim
// and a record, on each engine.
func BenchmarkClaimAndRecord(b *testing.B) {
	ctx := context.Background()
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			var s *DB
			var err error
			if engine == "sqlite" {
				s, err = OpenSQLite(ctx, filepath.Join(b.TempDir(), "reportbot.db"))
			} else {
				s, err = OpenPostgres(ctx, pgtest.URL(b))
			}
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			now := time.Date(2026, 11, 27, 1, 0, 0, 0, time.UTC)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				ch := strconv.Itoa(100000000000000000 + i)
				if ok, err := s.ClaimDigest(ctx, ch, "2026-11-27", "bench", now, now.Add(time.Minute)); err != nil || !ok {
					b.Fatal(ok, err)
				}
				if err := s.RecordDigestPost(ctx, ch, "2026-11-27", "m", now); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "posts/s")
		})
	}
}
