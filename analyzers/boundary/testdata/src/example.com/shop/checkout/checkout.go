package checkout

import (
	"example.com/shop/billing"       // allowed: billing is in depends_on and public
	"example.com/shop/billing/store" // want `\[visibility\] checkout imports example.com/shop/billing/store, which is not in billing's public packages \(./billing\)`
	"example.com/shop/legacy"        // want `\[dependency\] checkout imports legacy \(example.com/shop/legacy\), but legacy is not in checkout's depends_on`
	"example.com/shop/platform"      // allowed: platform is shared
	"io"                             // forbidden-import look-alike: io is not io/ioutil
	"io/ioutil"                      // want `\[forbidden-import\] checkout imports io/ioutil, which forbidden_imports forbids \("io/ioutil"\)`

	//archcheck:ignore dependency the gen package is excluded; this comment is not needed but harmless here
	"example.com/shop/gen" // excluded packages are never a dependency
)

var _ = billing.Charge
var _ = store.Save
var _ = legacy.Run
var _ = platform.Log
var _ = io.EOF
var _ = ioutil.ReadAll
var _ = gen.X
var Dummy = 1
