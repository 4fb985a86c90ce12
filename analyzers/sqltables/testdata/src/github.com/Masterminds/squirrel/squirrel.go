// Package squirrel is a stub of github.com/Masterminds/squirrel.
package squirrel

type SelectBuilder struct{}
type InsertBuilder struct{}
type UpdateBuilder struct{}
type DeleteBuilder struct{}

func Select(columns ...string) SelectBuilder                        { return SelectBuilder{} }
func Insert(into string) InsertBuilder                              { return InsertBuilder{} }
func Update(table string) UpdateBuilder                             { return UpdateBuilder{} }
func Delete(from string) DeleteBuilder                              { return DeleteBuilder{} }
func (b SelectBuilder) From(from string) SelectBuilder              { return b }
func (b SelectBuilder) Join(join string, rest ...any) SelectBuilder { return b }
func (b SelectBuilder) Where(pred any, args ...any) SelectBuilder   { return b }
func (b InsertBuilder) Into(from string) InsertBuilder              { return b }
func (b UpdateBuilder) Set(column string, value any) UpdateBuilder  { return b }

func (b InsertBuilder) ToSql() (string, []any, error) { return "", nil, nil }
