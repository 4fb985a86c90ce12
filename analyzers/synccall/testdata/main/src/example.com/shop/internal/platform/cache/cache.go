package cache

import "time"

func Get(key string) string {
	time.Sleep(1)
	return key
}
