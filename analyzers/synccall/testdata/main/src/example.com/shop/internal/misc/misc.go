// Package misc belongs to no module.
package misc

import "time"

func Wait() { time.Sleep(1) }
