package bot

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Config is the Discord side of the settings.
type Config struct {
	Token          string          // DISCORD_TOKEN; never logged
	AppID          string          // DISCORD_APP_ID; empty: taken from READY
	GuildID        string          // DISCORD_GUILD_ID; commands are registered there, or globally when empty
	AskChannels    map[string]bool // ASK_CHANNEL_IDS: channels where plain questions are answered
	MessageContent bool            // MESSAGE_CONTENT_INTENT
	DigestChannels []string        // DIGEST_CHANNEL_IDS
	DigestHour     int             // DIGEST_TIME, default 09:00
	DigestMinute   int
	Location       *time.Location // DIGEST_TZ, default Asia/Shanghai
	ShardID        int            // SHARD_ID
	ShardCount     int            // SHARD_COUNT
	APIURL         string         // DISCORD_API_URL: the REST base, default Discord's v9 API
	// DigestLease is DIGEST_CLAIM_LEASE, default 3 minutes: how long a
	// process's claim on a digest post holds; a claim whose holder died is
	// taken over after it. Keep it shorter than the few minutes Discord
	// remembers a message's nonce.
	DigestLease time.Duration

	// Observer, when set, is told what the bot does (metrics).
	Observer Observer

	// Tuning, with defaults that suit Discord; tests shorten them.
	Now         func() time.Time // the clock of the digest scheduler and the rate limit
	Tick        time.Duration    // how often the scheduler looks at the clock
	RetryBase   time.Duration    // first wait after a failed digest post; it doubles
	MaxAttempts int              // failed posts before a subscription is marked broken
	DeferAfter  time.Duration    // an interaction not answered by then is deferred
	// ReconnectBase is the wait after a failed reconnection; it doubles.
	ReconnectBase time.Duration
	// RateEvery and RateBurst limit each user: a burst of RateBurst answers
	// (commands, button presses, messages), then one every RateEvery; a
	// RateEvery of 0 means no limit.
	RateEvery time.Duration
	RateBurst int
	// RESTRetryBase is the first wait before a request that Discord answered
	// with a 5xx is tried again; it doubles, for three tries more.
	RESTRetryBase time.Duration
	// MaxInFlight answers are worked on at once (default twice the CPUs,
	// at least 4); MaxQueued more wait their turn (default 500), an
	// interaction deferred after DeferAfter as ever; beyond that an
	// interaction is told the bot is busy, to the asker alone, and a
	// message goes unanswered.
	MaxInFlight int
	MaxQueued   int
}

// DefaultAPIURL is Discord's REST API.
const DefaultAPIURL = "https://discord.com/api/v9"

var reSnowflake = regexp.MustCompile(`^\d{17,20}$`)

// ParseConfig reads the Discord settings. loc is the digest's time zone,
// read with the other settings. A bad setting gives an error that names it
// and says what is wrong, never its value: neither the token nor a token
// pasted into the wrong setting appears in an error.
func ParseConfig(getenv func(string) string, loc *time.Location) (Config, error) {
	c := defaultConfig(getenv, loc)
	if c.Token == "" {
		return c, fmt.Errorf("DISCORD_TOKEN is empty")
	}
	if strings.ContainsAny(c.Token, " \t\r\n") {
		return c, fmt.Errorf("DISCORD_TOKEN holds spaces: paste the bot token alone")
	}
	for _, parse := range []func(*Config, func(string) string) error{
		(*Config).parseIDs, (*Config).parseIntent, (*Config).parseDigestTime, (*Config).parseShards, (*Config).parseLease, (*Config).parseAPIURL,
	} {
		if err := parse(&c, getenv); err != nil {
			return c, err
		}
	}
	return c, nil
}

// defaultConfig is the settings before the environment is read, with the
// token and the ids taken as they are.
func defaultConfig(getenv func(string) string, loc *time.Location) Config {
	c := Config{
		Token:         strings.TrimSpace(getenv("DISCORD_TOKEN")),
		AppID:         strings.TrimSpace(getenv("DISCORD_APP_ID")),
		GuildID:       strings.TrimSpace(getenv("DISCORD_GUILD_ID")),
		AskChannels:   map[string]bool{},
		Location:      loc,
		DigestHour:    9,
		ShardCount:    1,
		APIURL:        DefaultAPIURL,
		Now:           time.Now,
		Tick:          20 * time.Second,
		RetryBase:     time.Minute,
		MaxAttempts:   5,
		DeferAfter:    2 * time.Second,
		ReconnectBase: time.Second,
		RateEvery:     4 * time.Second,
		RateBurst:     3,
		RESTRetryBase: 500 * time.Millisecond,
		DigestLease:   3 * time.Minute,
		MaxInFlight:   defaultMaxInFlight(),
		MaxQueued:     defaultMaxQueued,
	}
	if c.Location == nil {
		c.Location = time.UTC
	}
	return c
}

// parseIDs checks DISCORD_APP_ID and DISCORD_GUILD_ID and reads
// ASK_CHANNEL_IDS and DIGEST_CHANNEL_IDS.
func (c *Config) parseIDs(getenv func(string) string) error {
	for _, s := range []struct{ name, value string }{{"DISCORD_APP_ID", c.AppID}, {"DISCORD_GUILD_ID", c.GuildID}} {
		if s.value != "" && !IsSnowflake(s.value) {
			return fmt.Errorf("%s: not a Discord id (17 to 20 digits)", s.name)
		}
	}
	ask, err := snowflakes("ASK_CHANNEL_IDS", getenv("ASK_CHANNEL_IDS"))
	if err != nil {
		return err
	}
	for _, id := range ask {
		c.AskChannels[id] = true
	}
	c.DigestChannels, err = snowflakes("DIGEST_CHANNEL_IDS", getenv("DIGEST_CHANNEL_IDS"))
	return err
}

// parseIntent reads MESSAGE_CONTENT_INTENT, which ASK_CHANNEL_IDS needs.
func (c *Config) parseIntent(getenv func(string) string) error {
	if v := strings.TrimSpace(getenv("MESSAGE_CONTENT_INTENT")); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return fmt.Errorf("MESSAGE_CONTENT_INTENT: want true or false")
		}
		c.MessageContent = b
	}
	if len(c.AskChannels) > 0 && !c.MessageContent {
		return fmt.Errorf("ASK_CHANNEL_IDS needs MESSAGE_CONTENT_INTENT=true (and the Message Content intent switched on in the developer portal)")
	}
	return nil
}

// parseDigestTime reads DIGEST_TIME.
func (c *Config) parseDigestTime(getenv func(string) string) error {
	if v := strings.TrimSpace(getenv("DIGEST_TIME")); v != "" {
		t, err := time.Parse("15:04", v)
		if err != nil {
			return fmt.Errorf("DIGEST_TIME: want HH:MM, such as 09:00")
		}
		c.DigestHour, c.DigestMinute = t.Hour(), t.Minute()
	}
	return nil
}

// parseShards reads SHARD_COUNT and SHARD_ID.
func (c *Config) parseShards(getenv func(string) string) error {
	if v := strings.TrimSpace(getenv("SHARD_COUNT")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return fmt.Errorf("SHARD_COUNT: want a number of at least 1")
		}
		c.ShardCount = n
	}
	if v := strings.TrimSpace(getenv("SHARD_ID")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n >= c.ShardCount {
			return fmt.Errorf("SHARD_ID: want a number from 0 to SHARD_COUNT-1 (%d)", c.ShardCount-1)
		}
		c.ShardID = n
	}
	return nil
}

// parseLease reads DIGEST_CLAIM_LEASE; a claim freed by its lease is
// noticed within a quarter of it.
func (c *Config) parseLease(getenv func(string) string) error {
	if v := strings.TrimSpace(getenv("DIGEST_CLAIM_LEASE")); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < time.Second || d > time.Hour {
			return fmt.Errorf("DIGEST_CLAIM_LEASE: want a duration from 1s to 1h, such as 3m")
		}
		c.DigestLease = d
	}
	c.Tick = min(c.Tick, c.DigestLease/4)
	return nil
}

// parseAPIURL reads DISCORD_API_URL.
func (c *Config) parseAPIURL(getenv func(string) string) error {
	if v := strings.TrimSpace(getenv("DISCORD_API_URL")); v != "" {
		u, err := url.Parse(v)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("DISCORD_API_URL: want an http or https URL, such as %s", DefaultAPIURL)
		}
		c.APIURL = strings.TrimRight(v, "/")
	}
	return nil
}

// snowflakes reads a comma- or space-separated list of Discord ids. A bad
// one is named by its place in the list, not by what it holds.
func snowflakes(name, v string) ([]string, error) {
	var out []string
	for i, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' || r == ';' }) {
		if !IsSnowflake(f) {
			return nil, fmt.Errorf("%s: item %d is not a channel id (17 to 20 digits)", name, i+1)
		}
		out = append(out, f)
	}
	return out, nil
}

// IsSnowflake tells whether s is a Discord id: 17 to 20 digits that fit
// in 64 bits.
func IsSnowflake(s string) bool {
	if !reSnowflake.MatchString(s) {
		return false
	}
	_, err := strconv.ParseUint(s, 10, 64)
	return err == nil
}
