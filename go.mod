module reportbot

go 1.26.8

require (
	github.com/mattn/go-sqlite3 v1.14.53
	github.com/yanyiwu/gojieba v1.4.6
)
