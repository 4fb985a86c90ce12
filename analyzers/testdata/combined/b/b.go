package b

import "time"

// Wait blocks.
func Wait() { time.Sleep(time.Second) } // want Wait:`sleep: b.Wait → time.Sleep`
