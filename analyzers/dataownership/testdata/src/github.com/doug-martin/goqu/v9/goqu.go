// Package goqu is a stub of github.com/doug-martin/goqu/v9.
package goqu

type SelectDataset struct{}
type InsertDataset struct{}
type UpdateDataset struct{}
type DeleteDataset struct{}
type IdentifierExpression struct{}
type Expression interface{}

func From(table ...any) *SelectDataset                                        { return nil }
func Insert(table any) *InsertDataset                                         { return nil }
func Update(table any) *UpdateDataset                                         { return nil }
func Delete(table any) *DeleteDataset                                         { return nil }
func T(table string) IdentifierExpression                                     { return IdentifierExpression{} }
func (i IdentifierExpression) As(alias any) IdentifierExpression              { return i }
func (sd *SelectDataset) Join(table Expression, condition any) *SelectDataset { return sd }
