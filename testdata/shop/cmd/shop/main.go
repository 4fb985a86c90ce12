package main

import (
	"example.com/shop/internal/checkout"
	"example.com/shop/internal/legacy"
)

func main() {
	legacy.Run()
	_ = checkout.PlaceOrder("42")
}
