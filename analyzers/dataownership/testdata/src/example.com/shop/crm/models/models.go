package models

type Customer struct{ ID int }

func (Customer) TableName() string { return "customers" }

type Person struct{ ID int }
