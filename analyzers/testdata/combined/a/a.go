package a

import "example.com/m/b" // want `^\[dependency\] a imports b \(example.com/m/b\), but b is not in a's depends_on$`

// Run calls into b, which sleeps.
func Run() { // want Run:`sleep: a.Run → b.Wait → time.Sleep`
	b.Wait() // want `^\[sync-call\] a.Run calls b.Wait synchronously; it blocks on time.Sleep`
}
