package billing

import (
	_ "example.com/lay/domain/catalog" // want `\[dependency\] billing imports catalog \(example.com/lay/domain/catalog\), but catalog is not in billing's depends_on \(modules of one layer, domain, depend on each other only through depends_on\)`
	_ "example.com/lay/misc"           // want `\[dependency\] billing imports misc .* \(misc has no layer: without depends_on, billing may depend only on the layers below domain\)`
	_ "example.com/lay/platform/db"
	_ "example.com/lay/web" // want `\[layer\] billing \(layer domain\) imports web \(example.com/lay/web\) of the higher layer app; layers: app > domain \(closed\) > platform`
)
