package misc // want `\[unassigned\] package example.com/shop/misc belongs to no module; add it to a module's packages or to exclude`

import (
	"example.com/shop/legacy" // unassigned importers get no dependency finding
	"io/ioutil"               // want `\[forbidden-import\] the package imports io/ioutil, which forbidden_imports forbids \("io/ioutil"\)`
)

var _ = legacy.Run
var _ = ioutil.ReadAll
