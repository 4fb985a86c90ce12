package top

import "example.com/m/app"

// Negatives: these callees do not block, whatever their literals do.
func Negatives(c *app.Cmd) {
	app.NewCmd()
	app.Assigned(c)
	app.InMap()
	app.Returned()
	app.Sent(nil)
	app.Handle()
	app.After()
	app.ViaStore()
	app.MethodStored(nil)
	app.GroupNoWait()
	app.WaitGroupNoWait(nil)
	app.WaitOther(nil)
	app.Factory(nil)
}

// Positives: these callees run their literals.
func Positives() { // want Positives:`^network: top.Positives → app.Deferred → svc.Fetch → http.Get; sleep: top.Positives → app.InPlace → svc.Nap → time.Sleep$`
	app.Deferred()       // want `top.Positives calls app.Deferred synchronously`
	app.InPlace()        // want `top.Positives calls app.InPlace synchronously`
	app.Local()          // want `top.Positives calls app.Local synchronously`
	app.Sorted(nil)      // want `top.Positives calls app.Sorted synchronously`
	app.ViaApply()       // want `top.Positives calls app.ViaApply synchronously`
	app.ViaRun()         // want `top.Positives calls app.ViaRun synchronously`
	app.MethodValue(nil) // want `top.Positives calls app.MethodValue synchronously`
	app.Group()          // want `top.Positives calls app.Group synchronously`
	app.WaitGroup()      // want `top.Positives calls app.WaitGroup synchronously`
}
