// Package fonts holds the font the charts draw their text with, embedded so
// that the binary needs no font installed: a subset of WenQuanYi Micro Hei
// (Apache License 2.0, LICENSE-Apache-2.0.txt) made by subset.py from the
// Debian package fonts-wqy-microhei. See README.md.
package fonts

import _ "embed"

// CJK is reportbot-cjk.ttf: a TrueType font with every character of the
// report and the data files, the bot's own labels, 3,500 common characters,
// ASCII and the punctuation they use.
//
//go:embed reportbot-cjk.ttf
var CJK []byte
