// Package mongo is a stub of the MongoDB driver.
package mongo

import "context"

type Collection struct{}

func (c *Collection) InsertOne(ctx context.Context, doc any) error { return nil }

func (c *Collection) Name() string { return "" }
