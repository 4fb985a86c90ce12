module example.com/payclient

go 1.22
