package main

import (
	_ "example.com/lay/domain/orders"
	_ "example.com/lay/platform/db" // want `\[layer\] cmd \(layer app\) imports db \(example.com/lay/platform/db\) of layer platform, past the closed layer domain`
	_ "example.com/lay/platform/log"
)

func main() {}
