package knowledge

import (
	"context"
	"testing"
	"time"

	"reportbot/report"
)

func TestSubscriptions(t *testing.T) {
	ctx := context.Background()
	b := openTestBase(t)
	at := time.Date(2026, 11, 27, 1, 0, 0, 0, time.UTC)
	changed, err := b.Subscribe(ctx, report.Subscription{ChannelID: "100000000000000001", GuildID: "200000000000000001", CreatedBy: "300000000000000001"}, at)
	if err != nil || !changed {
		t.Fatalf("Subscribe = %v, %v", changed, err)
	}
	if changed, _ := b.Subscribe(ctx, report.Subscription{ChannelID: "100000000000000001"}, at); changed {
		t.Error("subscribing twice changed something")
	}
	if err := b.SyncConfigSubscriptions(ctx, []string{"100000000000000002", "100000000000000003"}, at); err != nil {
		t.Fatal(err)
	}
	if err := b.SyncConfigSubscriptions(ctx, []string{"100000000000000002"}, at); err != nil {
		t.Fatal(err)
	}
	subs, err := b.Subscriptions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(subs) != 2 || subs[0].ChannelID != "100000000000000001" || subs[1].Source != report.SourceConfig {
		t.Fatalf("subscriptions = %+v", subs)
	}
	if err := b.MarkBroken(ctx, "100000000000000001", "403 Missing Access", at); err != nil {
		t.Fatal(err)
	}
	subs, _ = b.Subscriptions(ctx)
	if !subs[0].Broken || subs[0].BrokenReason != "403 Missing Access" {
		t.Errorf("not marked broken: %+v", subs[0])
	}
	if changed, _ := b.Subscribe(ctx, report.Subscription{ChannelID: "100000000000000001"}, at); !changed {
		t.Error("subscribing again did not repair a broken subscription")
	}
	if ok, _ := b.Unsubscribe(ctx, "100000000000000001"); !ok {
		t.Error("unsubscribe found nothing")
	}
	if ok, _ := b.Unsubscribe(ctx, "100000000000000001"); ok {
		t.Error("unsubscribe twice found something")
	}

	if posted, _ := b.DigestPosted(ctx, "100000000000000002", "2026-11-27"); posted {
		t.Error("posted before any post")
	}
	for i := 0; i < 2; i++ {
		if err := b.RecordDigestPost(ctx, "100000000000000002", "2026-11-27", "m1", at); err != nil {
			t.Fatal(err)
		}
	}
	if posted, _ := b.DigestPosted(ctx, "100000000000000002", "2026-11-27"); !posted {
		t.Error("post not recorded")
	}
	if posted, _ := b.DigestPosted(ctx, "100000000000000002", "2026-11-28"); posted {
		t.Error("another date counted as posted")
	}
}
