module example.com/mono

go 1.22

require example.com/payclient v0.0.0

replace example.com/payclient => ./third_party/payclient
